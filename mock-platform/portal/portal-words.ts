import { findConcept, PROFESSIONS } from '../../interop/value-sets/index.js';
import type { AuditEntry } from '../audit/audit-log.js';
import type { ProfessionalDirectory } from '../mssante/directory.js';
import type { StructureDirectory } from '../store/structure-directory.js';

/** The patient's time zone: the portal speaks the time of her clock, not the platform's UTC. */
export const PORTAL_TIME_ZONE = 'Europe/Paris';

const DATE_TIME = new Intl.DateTimeFormat('fr-FR', {
  timeZone: PORTAL_TIME_ZONE,
  dateStyle: 'short',
  timeStyle: 'short',
});
const DATE = new Intl.DateTimeFormat('fr-FR', { timeZone: PORTAL_TIME_ZONE, dateStyle: 'short' });

/** An ISO instant (or an HL7 DTM, UTC) as the patient reads it: `05/12/2026 19:26`, Paris time. */
export function localDateTime(instant: string): string {
  const date = new Date(/^\d{8,14}$/.test(instant) ? dtmToIso(instant) : instant);
  return Number.isNaN(date.getTime()) ? instant : DATE_TIME.format(date);
}

/** The day of an instant, Paris time: `05/12/2026`. */
export function localDate(instant: string): string {
  const date = new Date(/^\d{8,14}$/.test(instant) ? dtmToIso(instant) : instant);
  return Number.isNaN(date.getTime()) ? instant : DATE.format(date);
}

function dtmToIso(dtm: string): string {
  const d = dtm.padEnd(14, '0');
  return `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}T${d.slice(8, 10)}:${d.slice(10, 12)}:${d.slice(12, 14)}Z`;
}

/** What a professional (or she) did, in the words of the patient's history; the transaction names stay inside. */
const ACTIONS: readonly (readonly [RegExp, string])[] = [
  [/^TD0\.2$/, "a vérifié que votre dossier existe et qu'il peut y accéder"],
  [/^TD0\.3$/, "a enregistré votre accord pour accéder à votre dossier (ou l'a retiré)"],
  [/^ITI-18/, 'a consulté la liste de vos documents'],
  [/^ITI-43$/, 'a ouvert un de vos documents'],
  [/^ITI-41\.connexion-secrete$/, 'a déposé un document à votre demande, en connexion secrète'],
  [/^ITI-41\.renvoi-identique$/, 'a renvoyé un document déjà déposé (rien de changé)'],
  [/^ITI-41$/, 'a déposé un document dans votre dossier'],
  [/^ITI-57/, 'a modifié un document (visibilité, archivage ou suppression)'],
  [/^INSi/, 'a vérifié votre identité nationale de santé (INS)'],
  [/^agenda\./, 'a partagé un rendez-vous dans votre agenda'],
  [/^portail\.profil$/, 'a mis à jour votre profil (volontés, directives, profil médical)'],
  [/^portail\.masquer-document$/, 'a masqué un document aux professionnels'],
  [/^portail\.demasquer-document$/, 'a rendu un document visible aux professionnels'],
  [/^portail\.bloquer$/, 'a bloqué un professionnel'],
  [/^portail\.debloquer$/, 'a débloqué un professionnel'],
  [/^portail\.(opposer|autoriser)$/, "a changé l'accès en urgence à votre dossier"],
  [/^portail\.fermer$/, 'a fermé le dossier'],
  [/^portail\.rouvrir$/, 'a rouvert le dossier'],
  [/^portail\.(designer|retirer)-medecin-traitant$/, 'a changé de médecin traitant'],
  [/^portail\.(refuser|accepter)-agenda$/, 'a changé le partage des rendez-vous'],
];

/** Why the platform said no, in words: the codes a patient may meet in her history. */
const REFUSALS: Readonly<Record<string, string>> = {
  AUTORISATION_REQUISE: "refusé : il n'avait pas votre accord",
  AUTORISATION_ABSENTE: "refusé : il n'avait pas votre accord",
  PS_BLOQUE: 'refusé : vous avez bloqué ce professionnel',
  DMP_FERME: 'refusé : votre dossier est fermé',
  BRIS_DE_GLACE_REFUSE: "refusé : vous vous êtes opposé(e) à l'accès en urgence",
  CENTRE_15_REFUSE: "refusé : vous vous êtes opposé(e) à l'accès par le centre 15",
  ALIMENTATION_NON_AUTORISEE: "refusé : il n'avait pas votre accord pour déposer",
  CONNEXION_SECRETE_VISIBILITE: 'refusé : en connexion secrète, le document doit rester caché à vos parents',
  CONNEXION_SECRETE_MAJEUR: "refusé : la connexion secrète n'existe que pour un mineur",
};

/** The access mode in words, when it was not the ordinary one. */
const ACCESS_MODES: Readonly<Record<string, string>> = {
  bris_de_glace: "Accès d'urgence (bris de glace)",
  centre_15: 'Accès par le SAMU (centre 15)',
};

/** One line of her access history, as the portal writes it. */
export interface HistoryLine {
  readonly when: string;
  readonly who: string;
  readonly what: string;
  readonly how: string;
  readonly reason: string;
  readonly outcome: string;
  /** How many times in a row the same thing was done in the same minute (a search is several calls). */
  readonly times: number;
}

/** Who acted, in words: she, her legal representative, a professional by name and profession, a structure. */
export interface Names {
  readonly professionals: ProfessionalDirectory;
  readonly structures: StructureDirectory;
}

/** A professional's name and profession as the directory publishes them; his number and profession otherwise. */
export function professionalInWords(names: Names, id: string, professionCode = '-', name = ''): string {
  const known = names.professionals.byNationalId(id);
  if (known) {
    const title = known.profession.code === '10' ? 'Dr ' : '';
    return `${title}${capitalised(known.firstName)} ${known.lastName.replace(/-TEST$/, '')}, ${known.profession.label.toLowerCase()} (${known.structure.name})`;
  }
  const structure = names.structures.structure(id);
  if (structure) return `L'établissement ${structure.name}`;
  const profession = findConcept(PROFESSIONS, professionCode)?.displayName.toLowerCase();
  const who = name === '' ? `Professionnel n° ${id}` : capitalised(name);
  return profession ? `${who}, ${profession}` : who;
}

function capitalised(name: string): string {
  return name.toLowerCase().replace(/(^|[\s-])\p{L}/gu, (letter) => letter.toUpperCase());
}

/** One entry of her history in her words. */
export function historyLine(entry: AuditEntry, names: Names): HistoryLine {
  return {
    when: localDateTime(entry.at),
    who:
      entry.actor === 'PATIENT'
        ? 'Vous'
        : entry.actor === 'REPRESENTANT_LEGAL'
          ? 'Votre représentant légal'
          : professionalInWords(names, entry.actor, entry.profession),
    what:
      ACTIONS.find(([pattern]) => pattern.test(entry.action))?.[1] ?? 'a fait une autre opération sur votre dossier',
    how: ACCESS_MODES[entry.accessMode] ?? '',
    reason: entry.reason === '-' ? '' : entry.reason,
    outcome: entry.outcome === 'OK' ? 'effectué' : (REFUSALS[entry.outcome] ?? 'refusé par la plateforme'),
    times: 1,
  };
}

/**
 * The lines of her history the portal shows: the platform's own maintenance (seed, TLS refusals) left out, and
 * the same act repeated in the same minute by the same person told once, with how many times.
 */
export function historyInWords(entries: readonly AuditEntry[], names: Names): HistoryLine[] {
  const lines: HistoryLine[] = [];
  for (const entry of entries) {
    if (entry.action === 'seed' || entry.action === 'TLS') continue;
    const line = historyLine(entry, names);
    const last = lines.at(-1);
    const same =
      last !== undefined &&
      (['when', 'who', 'what', 'how', 'reason', 'outcome'] as const).every((field) => last[field] === line[field]);
    if (same) lines[lines.length - 1] = { ...last, times: last.times + 1 };
    else lines.push(line);
  }
  return lines;
}

/**
 * A notification's text with the professionals it names by number ("le professionnel 899700100017", or "NOM
 * PRÉNOM (899700100017)") named in her words instead.
 */
export function notificationInWords(message: string, nameOf: (id: string) => string): string {
  return message.replace(
    /(^|\s)[Ll]e professionnel (?:[^()]*?\(([0-9][0-9A-Za-z/]{4,40})\)|([0-9][0-9A-Za-z/]{4,40}))/g,
    (_, space: string, named: string | undefined, bare: string | undefined) => `${space}${nameOf(named ?? bare ?? '')}`,
  );
}

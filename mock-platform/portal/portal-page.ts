import { escapeHtml as html } from '../../interop/html/escape-html.js';
import type { PortalMailbox } from '../mssante/patient-mailbox.js';
import { renderMailboxSection } from './portal-messages.js';
import type { PortalDocument, PortalView } from './portal-view.js';
import { localDate, localDateTime, notificationInWords } from './portal-words.js';

/** The portal's stylesheet, served from its own URL: the CSP allows no inline style or script. */
export const PORTAL_CSS = `body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#1b1b1b}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ccc}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.25rem .5rem;border-bottom:1px solid #eee}
form{display:inline-block;margin:.25rem .5rem .25rem 0}.band{background:#fde68a;padding:.5rem;border-radius:.25rem}
.error{background:#fecaca;padding:.5rem;border-radius:.25rem}
.profile label{display:block;margin-top:.5rem;font-weight:600}.profile input,.profile textarea,.profile select{width:100%;max-width:40rem;font:inherit;padding:.25rem}
.profile fieldset{border:1px solid #ccc;margin:.75rem 0;padding:.5rem 1rem}.mine{background:#eef6ff}
.badge{display:inline-block;background:#374151;color:#fff;border-radius:.25rem;padding:0 .35rem;font-size:.85em}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.viewer pre{white-space:pre-wrap;background:#f6f6f6;padding:1rem;border-radius:.25rem}`;

/** What every form of the page carries: the anti-forgery token, and the record when it is not the visitor's own. */
interface FormScope {
  readonly token: string;
  readonly patient?: string;
}

function form(scope: FormScope, action: string, fields: string, label: string): string {
  return (
    `<form method="post" action="/portail/actions"><input type="hidden" name="jeton" value="${html(scope.token)}">` +
    (scope.patient === undefined ? '' : `<input type="hidden" name="patient" value="${html(scope.patient)}">`) +
    `<input type="hidden" name="action" value="${html(action)}">${fields}<button type="submit">${html(label)}</button></form>`
  );
}

function professionalField(id: string): string {
  return `<label for="${id}">Identifiant national du professionnel</label> <input id="${id}" name="professionnel" required pattern="[0-9][0-9A-Za-z/]{4,40}">`;
}

/**
 * The portal page, rendered on the server: the record's state, the decisions the patient may take (plain
 * forms, no script), her secure messaging mailbox, the access history and the notifications. `token` is the
 * page's anti-forgery token.
 */
export function renderPortalPage(view: PortalView, token: string, error?: string, mailbox?: PortalMailbox): string {
  const { patient } = view;
  const scope: FormScope = view.asRepresentative ? { token, patient: patient.matricule } : { token };
  const represented = view.represented
    .map((minor) => `<li><a href="/portail/?patient=${html(minor)}">${html(minor)}</a></li>`)
    .join('');
  const activity = (table: string): string =>
    view.activityVisible ? table : "<p>Connexion secrète : seul le patient mineur voit l'activité de son dossier.</p>";
  const record = patient.record;
  const status =
    record.status === 'ACTIF'
      ? 'Dossier actif'
      : record.status === 'FERME'
        ? `Dossier fermé le ${localDate(record.closedAt)} (${record.reasonText})`
        : 'Pas de dossier : vous vous êtes opposé(e) à sa création';
  const rows = (cells: string[][]): string =>
    cells.map((row) => `<tr>${row.map((cell) => `<td>${html(cell)}</td>`).join('')}</tr>`).join('');
  const active = record.status === 'ACTIF';
  return `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Mon espace santé (test) — mon dossier</title>
<link rel="stylesheet" href="/portail/style.css"></head><body>
<p class="band">Portail patient de la plateforme de test — identités fictives.</p>
<h1>${html(patient.traits.firstNames[0] ?? '')} ${html(patient.traits.usedName)}</h1>
${view.asRepresentative ? '<p>Vous consultez ce dossier en tant que représentant légal. <a href="/portail/">Mon dossier</a></p>' : ''}
${represented === '' ? '' : `<p>Dossiers que vous gérez (représentant légal) :</p><ul>${represented}</ul>`}
${error === undefined ? '' : `<p class="error" role="alert">${html(error)}</p>`}
<p>${html(status)}</p>
<ul>
<li>Bris de glace : ${patient.breakGlassOpposed ? 'refusé' : 'autorisé'}</li>
<li>Accès par le centre 15 : ${patient.centre15Opposed ? 'refusé' : 'autorisé'}</li>
<li>Médecin traitant : ${html(patient.medecinTraitant === undefined ? 'aucun' : view.nameOf(patient.medecinTraitant))}</li>
${patient.minor ? `<li>Mineur${patient.secretConnection ? ' — connexion secrète' : ''}</li>` : ''}
</ul>
<h2>Documents</h2>
<table><caption>Vos documents : ouvrez-les, ou masquez-les aux professionnels</caption><thead><tr><th>Date</th><th>Document</th><th>Auteur</th><th>Statut</th><th>Actions</th></tr></thead><tbody>
${view.documents.map((d) => documentRow(scope, d, view.asRepresentative ? patient.matricule : undefined)).join('')}
</tbody></table>
${profileSection(scope)}
${
  mailbox === undefined
    ? ''
    : renderMailboxSection(
        mailbox,
        (action, fields, label) => form(scope, action, fields, label),
        view.asRepresentative ? patient.matricule : undefined,
      )
}
<h2>Agenda</h2>
<table><thead><tr><th>Début</th><th>Fin</th><th>Rendez-vous</th><th>Professionnel</th></tr></thead><tbody>
${rows(view.agenda.map((a) => [localDateTime(a.start), localDateTime(a.end), a.description, a.practitioner.name]))}
</tbody></table>
<p>Partage de rendez-vous par les professionnels : ${view.agendaOpposed ? 'refusé' : 'accepté'}</p>
<h2>Mes décisions</h2>
${
  active
    ? [
        form(
          scope,
          patient.breakGlassOpposed ? 'autoriser' : 'opposer',
          '<input type="hidden" name="acces" value="bris_de_glace">',
          patient.breakGlassOpposed ? 'Autoriser le bris de glace' : "M'opposer au bris de glace",
        ),
        form(
          scope,
          patient.centre15Opposed ? 'autoriser' : 'opposer',
          '<input type="hidden" name="acces" value="centre_15">',
          patient.centre15Opposed ? 'Autoriser le centre 15' : "M'opposer au centre 15",
        ),
        form(
          scope,
          view.agendaOpposed ? 'accepter-agenda' : 'refuser-agenda',
          '',
          view.agendaOpposed ? 'Accepter les rendez-vous partagés' : 'Refuser les rendez-vous partagés',
        ),
        form(scope, 'bloquer', professionalField('bloquer'), 'Bloquer ce professionnel'),
        form(scope, 'designer-medecin-traitant', professionalField('medecin'), 'Désigner comme médecin traitant'),
        patient.medecinTraitant === undefined
          ? ''
          : form(scope, 'retirer-medecin-traitant', '', 'Ne plus avoir de médecin traitant'),
        form(
          scope,
          'fermer',
          '<label for="motif">Motif</label> <input id="motif" name="motif" required maxlength="200">',
          'Fermer mon dossier',
        ),
      ].join('\n')
    : record.status === 'FERME'
      ? form(scope, 'rouvrir', '', 'Rouvrir mon dossier')
      : ''
}
<h2>Professionnels autorisés</h2>
<table><thead><tr><th>Professionnel</th><th>Statut</th><th>Expire le</th></tr></thead><tbody>
${rows(view.authorizations.map((grant) => [view.nameOf(grant.professional), GRANT_WORDS[grant.status] ?? grant.status, localDate(grant.expiresAt)]))}
</tbody></table>
<h2>Professionnels bloqués</h2>
<table><thead><tr><th>Professionnel</th><th>Depuis le</th><th></th></tr></thead><tbody>
${view.blocked
  .map(
    (blocked) =>
      `<tr><td>${html(view.nameOf(blocked.professional))}</td><td>${html(localDate(blocked.blockedAt))}</td><td>${
        active
          ? form(
              scope,
              'debloquer',
              `<input type="hidden" name="professionnel" value="${html(blocked.professional)}">`,
              'Débloquer',
            )
          : ''
      }</td></tr>`,
  )
  .join('')}
</tbody></table>
<h2>Historique des accès</h2>
${activity(`<p>Heures de Paris. Les plus récents en premier.</p><table><thead><tr><th>Quand</th><th>Qui</th><th>Ce qui a été fait</th><th>Accès</th><th>Motif donné</th><th>Résultat</th></tr></thead><tbody>
${rows(view.historyInWords.map((line) => [line.when, line.who, line.times > 1 ? `${line.what} (${line.times} fois)` : line.what, line.how, line.reason, line.outcome]))}
</tbody></table>`)}
<h2>Notifications</h2>
${activity(`<table><thead><tr><th>Date</th><th>Message</th></tr></thead><tbody>
${rows(
  [...view.notifications]
    .reverse()
    .map((notification) => [localDateTime(notification.at), notificationInWords(notification.message, view.nameOf)]),
)}
</tbody></table>`)}
</body></html>`;
}

/** An authorization's state in words. */
const GRANT_WORDS: Readonly<Record<string, string>> = {
  VALIDE: 'autorisé',
  EXPIRE: 'autorisation expirée',
  INTERDIT: 'bloqué par vous',
  NON_EXISTE: 'aucune autorisation',
};

/** Where a document is opened in the portal's viewer. */
export function documentUrl(uniqueId: string, patient?: string): string {
  return `/portail/documents/${encodeURIComponent(uniqueId)}${patient === undefined ? '' : `?patient=${patient}`}`;
}

/** One document: its date (Paris), title, author in words, state, and what she may do with it. */
function documentRow(scope: FormScope, d: PortalDocument, patient: string | undefined): string {
  const state = [d.status === 'Archived' ? 'archivé' : 'en vigueur', d.masked ? 'masqué aux professionnels' : '']
    .filter(Boolean)
    .join(', ');
  const uniqueField = `<input type="hidden" name="document" value="${html(d.uniqueId)}">`;
  const actions =
    `<a href="${html(documentUrl(d.uniqueId, patient))}">Ouvrir<span class="sr"> ${html(d.title)}</span></a> ` +
    (d.masked
      ? form(scope, 'demasquer-document', uniqueField, 'Rendre visible aux professionnels')
      : form(scope, 'masquer-document', uniqueField, 'Masquer aux professionnels'));
  return (
    `<tr${d.patientAuthored ? ' class="mine"' : ''}><td>${html(localDate(d.creationTime))}</td>` +
    `<td>${html(d.title)}${d.patientAuthored ? ' <span class="badge">écrit par vous</span>' : ''}</td>` +
    `<td>${html(d.authorInWords)}</td><td>${html(state)}</td><td>${actions}</td></tr>`
  );
}

/** Her profile: what she writes is filed in her record as her own documents, which the professionals read. */
function profileSection(scope: FormScope): string {
  const text = (id: string, label: string, rows = 2, hint = ''): string =>
    `<label for="${id}">${html(label)}</label>${hint === '' ? '' : `<span id="${id}-aide">${html(hint)}</span>`}<textarea id="${id}" name="${id}" rows="${rows}"${hint === '' ? '' : ` aria-describedby="${id}-aide"`}></textarea>`;
  const line = (id: string, label: string): string =>
    `<label for="${id}">${html(label)}</label><input id="${id}" name="${id}">`;
  const fields =
    '<fieldset><legend>Mon profil médical</legend>' +
    text('allergies', 'Allergies') +
    line('poids', 'Poids (kg)') +
    line('taille', 'Taille (cm)') +
    text('traitements', 'Traitements en cours', 3) +
    text('vaccinations', 'Vaccinations', 3) +
    '</fieldset><fieldset><legend>Mes volontés et mes droits</legend>' +
    line('personne_confiance', 'Personne de confiance (nom, lien, téléphone)') +
    text('personnes_a_prevenir', 'Personnes à prévenir') +
    `<label for="don_organes">Don d'organes</label><select id="don_organes" name="don_organes"><option value="">Non renseigné</option><option value="oui">J'accepte de donner mes organes</option><option value="non">Je refuse le don de mes organes</option></select>` +
    text(
      'directives',
      'Mes directives anticipées',
      4,
      'Vos souhaits sur la fin de vie, si un jour vous ne pouvez plus les exprimer.',
    ) +
    '</fieldset>';
  return `<h2>Mon profil</h2>
<p>Ce que vous écrivez ici est déposé dans votre dossier comme vos propres documents ; les professionnels que vous autorisez le lisent.</p>
<div class="profile">${form(scope, 'profil', fields, 'Enregistrer mon profil dans mon dossier')}</div>`;
}

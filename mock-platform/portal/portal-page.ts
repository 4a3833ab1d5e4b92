import { escapeHtml as html } from '../../interop/html/escape-html.js';
import type { PortalMailbox } from '../mssante/patient-mailbox.js';
import { renderMailboxSection } from './portal-messages.js';
import type { PortalView } from './portal-view.js';

/** The portal's stylesheet, served from its own URL: the CSP allows no inline style or script. */
export const PORTAL_CSS = `body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#1b1b1b}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ccc}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.25rem .5rem;border-bottom:1px solid #eee}
form{display:inline-block;margin:.25rem .5rem .25rem 0}.band{background:#fde68a;padding:.5rem;border-radius:.25rem}
.error{background:#fecaca;padding:.5rem;border-radius:.25rem}`;

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
        ? `Dossier fermé le ${record.closedAt.slice(0, 10)} (${record.reasonText})`
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
<li>Médecin traitant : ${html(patient.medecinTraitant ?? 'aucun')}</li>
${patient.minor ? `<li>Mineur${patient.secretConnection ? ' — connexion secrète' : ''}</li>` : ''}
</ul>
<h2>Documents</h2>
<table><thead><tr><th>Date</th><th>Document</th><th>Type</th><th>Auteur</th><th>Statut</th></tr></thead><tbody>
${rows(view.documents.map((d) => [d.creationTime.slice(0, 8).replace(/^(\d{4})(\d{2})(\d{2})$/, '$3/$2/$1'), d.title, d.type, d.author, d.status === 'Archived' ? 'archivé' : 'en vigueur']))}
</tbody></table>
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
${rows(view.agenda.map((a) => [a.start.slice(0, 16).replace('T', ' '), a.end.slice(0, 16).replace('T', ' '), a.description, a.practitioner.name]))}
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
${rows(view.authorizations.map((grant) => [grant.professional, grant.status, grant.expiresAt.slice(0, 10)]))}
</tbody></table>
<h2>Professionnels bloqués</h2>
<table><thead><tr><th>Professionnel</th><th>Depuis le</th><th></th></tr></thead><tbody>
${view.blocked
  .map(
    (blocked) =>
      `<tr><td>${html(blocked.professional)}</td><td>${html(blocked.blockedAt.slice(0, 10))}</td><td>${
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
${activity(`<table><thead><tr><th>Date</th><th>Qui</th><th>Action</th><th>Mode</th><th>Motif</th><th>Résultat</th></tr></thead><tbody>
${rows(view.history.map((entry) => [entry.at, entry.actor, entry.action, entry.accessMode, entry.reason === '-' ? '' : entry.reason, entry.outcome]))}
</tbody></table>`)}
<h2>Notifications</h2>
${activity(`<table><thead><tr><th>Date</th><th>Message</th></tr></thead><tbody>
${rows(view.notifications.map((notification) => [notification.at, notification.message]))}
</tbody></table>`)}
</body></html>`;
}

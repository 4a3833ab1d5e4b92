import { z } from 'zod';

import type { AgendaStore } from '../agenda/agenda-store.js';
import { patientPortalRecord, type AuditLog } from '../audit/audit-log.js';
import type { RecordRules } from '../rules/record-rules.js';
import { PlatformFault } from '../soap/platform-fault.js';

const ProfessionalId = z
  .string()
  .trim()
  .regex(/^[0-9][0-9A-Za-z/]{4,40}$/, 'identifiant national de professionnel attendu (ex. 899700100017)');
const Opposable = z.enum(['bris_de_glace', 'centre_15']);

/** What the patient may do from the portal, as the JSON API and the page's forms send it. */
export const PortalActionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('bloquer'), professionnel: ProfessionalId }),
  z.object({ action: z.literal('debloquer'), professionnel: ProfessionalId }),
  z.object({ action: z.literal('opposer'), acces: Opposable }),
  z.object({ action: z.literal('autoriser'), acces: Opposable }),
  z.object({ action: z.literal('fermer'), motif: z.string().trim().min(1).max(200) }),
  z.object({ action: z.literal('rouvrir') }),
  z.object({ action: z.literal('designer-medecin-traitant'), professionnel: ProfessionalId }),
  z.object({ action: z.literal('retirer-medecin-traitant') }),
  // The agenda of Mon espace santé: she refuses, or accepts again, that professionals share appointments in it.
  z.object({ action: z.literal('refuser-agenda') }),
  z.object({ action: z.literal('accepter-agenda') }),
]);
export type PortalAction = z.infer<typeof PortalActionSchema>;

/** Who decides on the portal: the patient herself, or a legal representative for a minor. */
export type PortalActor = 'PATIENT' | 'REPRESENTANT_LEGAL';

/**
 * Applies one decision on a patient's record through the same rules the SOAP services use, and traces it in
 * the audit trail as the patient's (or her legal representative's) own act.
 */
export function applyPortalAction(
  rules: RecordRules,
  agenda: AgendaStore,
  audit: AuditLog,
  matricule: string,
  action: PortalAction,
  actor: PortalActor = 'PATIENT',
): void {
  let outcome = 'OK';
  try {
    switch (action.action) {
      case 'bloquer':
        rules.block(matricule, action.professionnel);
        break;
      case 'debloquer':
        rules.unblock(matricule, action.professionnel);
        break;
      case 'opposer':
      case 'autoriser':
        rules.setOpposition(matricule, action.acces, action.action === 'opposer');
        break;
      case 'fermer':
        rules.close(matricule, action.motif);
        break;
      case 'rouvrir':
        rules.reopen(matricule);
        break;
      case 'designer-medecin-traitant':
        rules.designateMedecinTraitant(matricule, action.professionnel);
        break;
      case 'retirer-medecin-traitant':
        rules.designateMedecinTraitant(matricule, undefined);
        break;
      case 'refuser-agenda':
      case 'accepter-agenda':
        agenda.setOpposition(matricule, action.action === 'refuser-agenda');
        break;
    }
  } catch (error) {
    outcome = error instanceof PlatformFault ? error.code : 'ERREUR_INTERNE';
    throw error;
  } finally {
    audit.append(patientPortalRecord(actor, matricule, `portail.${action.action}`, outcome));
  }
}

import type { AuditEntry, AuditLog } from '../audit/audit-log.js';
import type { NotificationOutbox, PatientNotification } from '../notifications/outbox.js';
import type { RecordRules } from '../rules/record-rules.js';
import type { AuthorizationGrant, BlockedProfessional, PatientRecord, PatientStore } from '../store/patient-store.js';

/** Everything the patient sees about her record on the portal (and the JSON API returns). */
export interface PortalView {
  readonly patient: PatientRecord;
  readonly authorizations: ReadonlyArray<AuthorizationGrant & { readonly status: string }>;
  readonly blocked: readonly BlockedProfessional[];
  readonly history: readonly AuditEntry[];
  readonly notifications: readonly PatientNotification[];
}

/** Gathers the patient's view from the stores. */
export function portalView(
  matricule: string,
  deps: { readonly rules: RecordRules; readonly store: PatientStore; readonly audit: AuditLog; readonly outbox: NotificationOutbox },
): PortalView {
  const patient = deps.rules.patient(matricule);
  return {
    patient,
    authorizations: deps.store
      .authorizations(matricule)
      .map((grant) => ({ ...grant, status: deps.rules.authorizationOf(patient, grant.professional) })),
    blocked: deps.store.blocked(matricule),
    history: deps.audit.list({ patient: matricule, limit: 200 }),
    notifications: deps.outbox.forPatient(matricule),
  };
}

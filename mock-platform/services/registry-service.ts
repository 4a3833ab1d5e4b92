import { SERVICE_PATHS } from '../../interop/platform/service-paths.js';
import { buildStoredQueryResponse, parseUpdateDocumentSetRequest, XDS_ACTIONS } from '../../interop/xds/index.js';
import type { Consultation } from '../rules/consultation.js';
import type { DocumentAccess } from '../rules/document-access.js';
import { asRefusal } from '../rules/feed-refusal.js';
import { readStoredQuery, runStoredQuery } from '../rules/stored-queries.js';
import { updateDocumentSet } from '../rules/update-document-set.js';
import type { SoapOperation, SoapService } from '../soap/soap-service.js';
import type { VihfGuard } from '../vihf/vihf-guard.js';
import { dmpFaultDetail } from './dmp-fault.js';
import { registryFailure, registrySuccess } from './xds-answer.js';

/**
 * ITI-18 (TD3.1): the stored query runs over what the caller may see (consultation rules); the patient is
 * told of the search. A refusal is an AdhocQueryResponse with status Failure, audited with its code; a
 * success is audited as `ITI-18.<query>`. The patient is the query's `$…PatientId` for the Find queries (it
 * must be the VIHF's) and the VIHF's `resource-id` for the Get queries, whose ids name no patient.
 */
function storedQueryOperation(consultation: Consultation, vihf: VihfGuard): SoapOperation {
  const answer = `${XDS_ACTIONS.registryStoredQuery}Response`;
  return {
    action: XDS_ACTIONS.registryStoredQuery,
    auditName: 'ITI-18',
    handle(call) {
      const token = vihf.admitForRecord(call);
      try {
        const query = readStoredQuery(call.request.payload);
        const reader = consultation.admit(token, 'patientId' in query ? query.patientId : undefined);
        const found = runStoredQuery(consultation, reader, query);
        const objectRefs = [...found.submissionSets, ...found.documentEntries, ...found.associations].map((object) =>
          'entryUUID' in object ? object.entryUUID : object.id,
        );
        const bodyXml =
          query.returnType === 'ObjectRef'
            ? buildStoredQueryResponse({
                status: 'Success',
                errors: [],
                documentEntries: [],
                submissionSets: [],
                associations: [],
                objectRefs,
              })
            : buildStoredQueryResponse({ status: 'Success', errors: [], ...found, objectRefs: [] });
        return {
          action: answer,
          bodyXml,
          audit: { action: `ITI-18.${query.kind}` },
          withAudit: () => consultation.notifyAccess(reader, { search: true }),
        };
      } catch (error) {
        const refusal = asRefusal(error);
        return {
          action: answer,
          bodyXml: buildStoredQueryResponse({
            status: 'Failure',
            errors: [...refusal.errors],
            documentEntries: [],
            submissionSets: [],
            associations: [],
            objectRefs: [],
          }),
          audit: { outcome: refusal.errors[0].errorCode },
        };
      }
    },
  };
}

/**
 * The DMP `registry` service: ITI-18 Registry Stored Query (TD3.1) and ITI-57 Update Document Set (TD3.3a–d:
 * visibility, archive, delete). The VIHF is checked first; every later refusal is an XDS answer with status
 * Failure and its code. The audit names what changed (`ITI-57.visibilite`, `.archivage`, `.desarchivage`,
 * `.suppression`) or what was searched (`ITI-18.FindDocuments`…).
 */
export function createRegistryService(
  access: DocumentAccess,
  consultation: Consultation,
  vihf: VihfGuard,
  now: () => Date,
): SoapService {
  const answer = `${XDS_ACTIONS.updateDocumentSet}Response`;
  return {
    path: SERVICE_PATHS.registry,
    name: 'registry',
    faultDetail: dmpFaultDetail,
    operations: [
      storedQueryOperation(consultation, vihf),
      {
        action: XDS_ACTIONS.updateDocumentSet,
        auditName: 'ITI-57',
        handle(call) {
          const token = vihf.admitForRecord(call);
          try {
            const result = updateDocumentSet(access, parseUpdateDocumentSetRequest(call.request.payload), token, now);
            return registrySuccess(answer, [], `ITI-57.${[...new Set(result.changes)].join('+')}`);
          } catch (error) {
            return registryFailure(answer, error);
          }
        },
      },
    ],
  };
}

import { parseUpdateDocumentSetRequest } from '../../interop/xds/index.js';
import type { DocumentAccess } from '../rules/document-access.js';
import { updateDocumentSet } from '../rules/update-document-set.js';
import type { SoapService } from '../soap/soap-service.js';
import type { VihfGuard } from '../vihf/vihf-guard.js';
import { dmpFaultDetail } from './dmp-fault.js';
import { DMP_SERVICE_PATHS } from './dmp-paths.js';
import { plannedOperation } from './not-yet-available.js';
import { registryFailure, registrySuccess } from './xds-answer.js';

export const ITI57_ACTION = 'urn:ihe:iti:2010:UpdateDocumentSet';
export const ITI18_ACTION = 'urn:ihe:iti:2007:RegistryStoredQuery';

/**
 * The DMP `registry` service: ITI-57 Update Document Set (TD3.3a–d: visibility, archive, delete). The VIHF is
 * checked first; every later refusal is a RegistryResponse Failure with its code. The audit names what
 * changed (`ITI-57.visibilite`, `.archivage`, `.desarchivage`, `.suppression`). ITI-18 comes with consultation.
 */
export function createRegistryService(access: DocumentAccess, vihf: VihfGuard, now: () => Date): SoapService {
  const answer = `${ITI57_ACTION}Response`;
  return {
    path: DMP_SERVICE_PATHS.registry,
    name: 'registry',
    faultDetail: dmpFaultDetail,
    operations: [
      plannedOperation('registry', ITI18_ACTION),
      {
        action: ITI57_ACTION,
        auditName: 'ITI-57',
        handle(call) {
          const token = vihf.admit(call);
          call.trace.patient = token.patient?.matricule ?? '-';
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

import { parseProvideAndRegisterRequest } from '../../interop/xds/index.js';
import { provideAndRegister, type ProvideAndRegisterDependencies } from '../rules/provide-and-register.js';
import type { SoapService } from '../soap/soap-service.js';
import type { VihfGuard } from '../vihf/vihf-guard.js';
import { dmpFaultDetail } from './dmp-fault.js';
import { DMP_SERVICE_PATHS } from './dmp-paths.js';
import { plannedOperation } from './not-yet-available.js';
import { registryFailure, registrySuccess } from './xds-answer.js';

export const ITI41_ACTION = 'urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-b';
export const ITI43_ACTION = 'urn:ihe:iti:2007:RetrieveDocumentSet';

/**
 * The DMP `repository` service: ITI-41 Provide and Register (TD2.1, TD2.2), over SOAP 1.2 with MTOM/XOP, the
 * documents streamed to files as they arrive. The VIHF is checked first (a SOAP fault when it fails, as on
 * every service); every later refusal is a RegistryResponse Failure with its code. ITI-43 comes with
 * consultation.
 */
export function createRepositoryService(deps: ProvideAndRegisterDependencies, vihf: VihfGuard): SoapService {
  const answer = `${ITI41_ACTION}Response`;
  return {
    path: DMP_SERVICE_PATHS.repository,
    name: 'repository',
    acceptsMtom: true,
    faultDetail: dmpFaultDetail,
    operations: [
      {
        action: ITI41_ACTION,
        auditName: 'ITI-41',
        async handle(call) {
          const token = vihf.admit(call);
          call.trace.patient = token.patient?.matricule ?? '-';
          try {
            const request = parseProvideAndRegisterRequest(call.request.payload);
            const result = await provideAndRegister(deps, request, call.attachments, token);
            return registrySuccess(answer, result.warnings, result.stored === 0 ? 'ITI-41.renvoi-identique' : undefined);
          } catch (error) {
            return registryFailure(answer, error);
          }
        },
      },
      plannedOperation('repository', ITI43_ACTION),
    ],
  };
}

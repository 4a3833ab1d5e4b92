import { PlatformFault } from '../soap/platform-fault.js';
import type { SoapService } from '../soap/soap-service.js';
import { DMP_SERVICE_PATHS } from './dmp-paths.js';
import { dmpFaultDetail } from './dmp-fault.js';

/** The XDS actions a registry or repository will answer, so that a caller gets "not yet" rather than "unknown". */
const PLANNED_ACTIONS: Readonly<Record<'registry' | 'repository', readonly string[]>> = {
  registry: ['urn:ihe:iti:2007:RegistryStoredQuery', 'urn:ihe:iti:2010:UpdateDocumentSet'],
  repository: ['urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-b', 'urn:ihe:iti:2007:RetrieveDocumentSet'],
};

/**
 * A DMP service mounted before its rules are written (feed and consultation come later): every planned action
 * answers SERVICE_NON_DISPONIBLE. The real module replaces this one in the composition root.
 */
export function notYetAvailable(name: 'registry' | 'repository'): SoapService {
  return {
    path: DMP_SERVICE_PATHS[name],
    name,
    operations: PLANNED_ACTIONS[name].map((action) => ({
      action,
      auditName: name,
      handle() {
        throw new PlatformFault('SERVICE_NON_DISPONIBLE', { service: name });
      },
    })),
    faultDetail: dmpFaultDetail,
  };
}

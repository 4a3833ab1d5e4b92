import { PlatformFault } from '../soap/platform-fault.js';
import type { SoapOperation } from '../soap/soap-service.js';

/**
 * An XDS action a service will answer once its rules are written (consultation comes after feeding): it
 * answers SERVICE_NON_DISPONIBLE, so that a caller gets "not yet" rather than "unknown action".
 */
export function plannedOperation(service: 'registry' | 'repository', action: string): SoapOperation {
  return {
    action,
    auditName: service,
    handle() {
      throw new PlatformFault('SERVICE_NON_DISPONIBLE', { service });
    },
  };
}

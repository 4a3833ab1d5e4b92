import type { Element } from '@xmldom/xmldom';

import { TD03_ACTION } from '../../interop/habilitations/td03.js';
import { SERVICE_PATHS } from '../../interop/platform/service-paths.js';
import { childElements, childText } from '../../interop/xml/dom.js';
import { XML_NS } from '../../interop/xml/namespaces.js';
import { element, serializeXml } from '../../interop/xml/writer.js';
import type { RecordRules } from '../rules/record-rules.js';
import { PlatformFault } from '../soap/platform-fault.js';
import type { SoapService } from '../soap/soap-service.js';
import type { VihfGuard } from '../vihf/vihf-guard.js';
import { dmpFaultDetail } from './dmp-fault.js';
import { targetPatient } from './patient-identifier.js';

const HABILITATIONS_NS = XML_NS.habilitations;

interface Td03Request {
  readonly action: 'AJOUT' | 'SUPPRESSION';
  readonly medecinTraitant: boolean;
}

function malformed(reason: string): PlatformFault {
  return new PlatformFault('REQUETE_MALFORMEE', { raison: reason });
}

/**
 * Reads `setAuthorization`: one `action` (`AJOUT` or `SUPPRESSION`) and at most one `role`
 * (`MEDECIN_TRAITANT`). The patient is not in the body: it is the VIHF's `resource-id`.
 */
function readTd03Request(payload: Element): Td03Request {
  if (payload.namespaceURI !== HABILITATIONS_NS || payload.localName !== 'setAuthorization')
    throw malformed('élément setAuthorization attendu');
  const action = childText(payload, HABILITATIONS_NS, 'action');
  if (action !== 'AJOUT' && action !== 'SUPPRESSION') throw malformed('action AJOUT ou SUPPRESSION attendue');
  const roles = childElements(payload, HABILITATIONS_NS, 'role').map((role) => role.textContent?.trim() ?? '');
  if (roles.length > 1 || (roles.length === 1 && roles[0] !== 'MEDECIN_TRAITANT'))
    throw malformed('role MEDECIN_TRAITANT seul accepté');
  return { action, medecinTraitant: roles.length === 1 };
}

/**
 * The DMP `habilitations` service: TD0.3, the caller declares or removes his own authorization on the VIHF's
 * patient, optionally as médecin traitant. The answer's `status` is `OK` and its `context` the resulting
 * authorization status, as TD0.2 would report it.
 */
export function createHabilitationsService(rules: RecordRules, vihf: VihfGuard): SoapService {
  return {
    path: SERVICE_PATHS.habilitations,
    name: 'habilitations',
    faultDetail: dmpFaultDetail,
    operations: [
      {
        action: TD03_ACTION,
        auditName: 'TD0.3',
        handle(call) {
          const token = vihf.admit(call);
          const request = readTd03Request(call.request.payload);
          const patient = targetPatient(token);
          call.trace.patient = patient.matricule;
          const status =
            request.action === 'AJOUT'
              ? rules.declareAuthorization(patient.matricule, token.holder, request.medecinTraitant)
              : rules.removeAuthorization(patient.matricule, token.holder, request.medecinTraitant);
          return {
            action: `${TD03_ACTION}Response`,
            bodyXml: serializeXml(
              element(
                'setAuthorizationResponse',
                { xmlns: HABILITATIONS_NS },
                element('status', {}, 'OK'),
                element('context', {}, status),
              ),
            ),
          };
        },
      },
    ],
  };
}

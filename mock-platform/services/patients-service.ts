import { randomUUID } from 'node:crypto';

import { TD02_ACTION } from '../../interop/hl7v3/td02.js';
import { SERVICE_PATHS } from '../../interop/platform/service-paths.js';
import type { RecordRules } from '../rules/record-rules.js';
import type { SoapService } from '../soap/soap-service.js';
import type { VihfGuard } from '../vihf/vihf-guard.js';
import { dmpFaultDetail } from './dmp-fault.js';
import { targetPatient } from './patient-identifier.js';
import { readTd02Query, writeTd02Answer } from './td02-messages.js';

/**
 * The DMP `patients` service: TD0.2, the record's status and the caller's access conditions. The VIHF is
 * checked first; its patient must be the one in the query.
 */
export function createPatientsService(rules: RecordRules, vihf: VihfGuard, now: () => Date): SoapService {
  return {
    path: SERVICE_PATHS.patients,
    name: 'patients',
    faultDetail: dmpFaultDetail,
    operations: [
      {
        action: TD02_ACTION,
        auditName: 'TD0.2',
        handle(call) {
          const token = vihf.admit(call);
          const query = readTd02Query(call.request.payload);
          const patient = targetPatient(token, query.patient);
          call.trace.patient = patient.matricule;
          const view = rules.view(patient.matricule, token);
          return {
            action: 'urn:hl7-org:v3:PRPA_IN201308UV02',
            bodyXml: writeTd02Answer(query, view, randomUUID(), now()),
          };
        },
      },
    ],
  };
}

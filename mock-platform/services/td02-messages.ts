import type { Element } from '@xmldom/xmldom';

import { DMP_DEVICE_ID, hl7Time, TEST_EXST } from '../../interop/hl7v3/td02.js';
import { childElements } from '../../interop/xml/dom.js';
import { XML_NS } from '../../interop/xml/namespaces.js';
import { declare, element, serializeXml } from '../../interop/xml/writer.js';
import type { RecordView } from '../rules/record-rules.js';
import { singleChild } from '../soap/envelope.js';
import { PlatformFault } from '../soap/platform-fault.js';
import type { InsReference } from './patient-identifier.js';

const HL7_NS = XML_NS.hl7;

function malformed(reason: string): PlatformFault {
  return new PlatformFault('REQUETE_MALFORMEE', { raison: reason });
}

function path(from: Element, ...names: string[]): Element {
  let current = from;
  for (const name of names) {
    const next = singleChild(current, HL7_NS, name);
    if (!next) throw malformed(`élément HL7 ${name} absent`);
    current = next;
  }
  return current;
}

/** The query's message id (echoed in the acknowledgement) and the INS it asks about. */
export interface Td02Query {
  readonly messageId: { readonly root: string; readonly extension: string };
  readonly patient: InsReference;
}

/**
 * Reads a TD0.2 request (HL7 v3 `PRPA_IN201307UV02`, reason `TEST_EXST`): the patient is the single
 * `parameterList/patientIdentifier/value` (`root` = INS OID, `extension` = matricule).
 */
export function readTd02Query(payload: Element): Td02Query {
  if (payload.namespaceURI !== HL7_NS || payload.localName !== 'PRPA_IN201307UV02')
    throw malformed('élément PRPA_IN201307UV02 attendu');
  const id = path(payload, 'id');
  // The platform answers only messages addressed to it (the DMP's device id, as the integration guide has it).
  if (path(payload, 'receiver', 'device', 'id').getAttribute('root') !== DMP_DEVICE_ID)
    throw malformed(`receiver/device/id ${DMP_DEVICE_ID} attendu`);
  const control = path(payload, 'controlActProcess');
  const reason = path(control, 'reasonCode');
  if (reason.getAttribute('code') !== TEST_EXST.code || reason.getAttribute('codeSystem') !== TEST_EXST.codeSystem) {
    throw malformed('reasonCode TEST_EXST (1.2.250.1.213.1.1.4.11) attendu');
  }
  const parameters = path(control, 'queryByParameter', 'parameterList');
  const identifiers = childElements(parameters, HL7_NS, 'patientIdentifier');
  if (identifiers.length !== 1) throw malformed('un seul patientIdentifier attendu');
  const value = path(identifiers[0]!, 'value');
  return {
    messageId: { root: id.getAttribute('root') ?? '', extension: id.getAttribute('extension') ?? '' },
    patient: {
      matricule: value.getAttribute('extension')?.trim().toUpperCase() ?? '',
      oid: value.getAttribute('root')?.trim() ?? '',
    },
  };
}

/**
 * The TD0.2 answer (`PRPA_IN201308UV02`): the HL7 acknowledgement and, when a record exists or existed, the
 * patient's civil data; then, in the DMP namespace, the record status (`ACTIF`, `FERME` with date, reason code
 * and text, or `INEXISTANT`), the caller's authorization (`VALIDE`, `EXPIRE`, `INTERDIT`, `NON_EXISTE`), the
 * médecin traitant flag and whether the patient's Mon espace santé account is open; when the caller has a
 * break-glass or centre 15 access running on the record, `dmp:accesUrgence` gives its mode, start and end (the
 * mock's own element: the client shows how long the access lasts).
 */
export function writeTd02Answer(query: Td02Query, view: RecordView, answerId: string, now: Date): string {
  const { patient } = view;
  const { record, traits } = patient;
  const exists = record.status !== 'OPPOSE';
  const person = element(
    'subject',
    { typeCode: 'SUBJ' },
    element(
      'registrationEvent',
      { classCode: 'REG', moodCode: 'EVN' },
      element('statusCode', { code: 'active' }),
      element(
        'subject1',
        { typeCode: 'SBJ' },
        element(
          'patient',
          { classCode: 'PAT' },
          element('id', { root: patient.oid, extension: patient.matricule }),
          element('statusCode', { code: record.status === 'ACTIF' ? 'active' : 'nullified' }),
          element(
            'patientPerson',
            { classCode: 'PSN', determinerCode: 'INSTANCE' },
            element(
              'name',
              {},
              element('family', { qualifier: 'BR' }, traits.birthName),
              element('family', { qualifier: 'SP' }, traits.usedName),
              element('given', {}, traits.firstNames[0] ?? ''),
            ),
            element('administrativeGenderCode', { code: traits.sex, codeSystem: '2.16.840.1.113883.5.1' }),
            element('birthTime', { value: traits.birthDate.replace(/-/g, '') }),
          ),
        ),
      ),
    ),
  );
  const closed = record.status === 'FERME' ? record : undefined;
  return serializeXml(
    element(
      'PRPA_IN201308UV02',
      { xmlns: HL7_NS, ...declare('dmp'), ITSVersion: 'XML_1.0' },
      element('id', { root: DMP_DEVICE_ID, extension: answerId }),
      element('creationTime', { value: hl7Time(now) }),
      element('interactionId', { root: '2.16.840.1.113883.1.6', extension: 'PRPA_IN201308UV02' }),
      element('processingCode', { code: 'P' }),
      element('processingModeCode', { code: 'T' }),
      element('acceptAckCode', { code: 'NE' }),
      element('acknowledgement', { typeCode: 'AA' }, element('targetMessage', {}, element('id', query.messageId))),
      element(
        'controlActProcess',
        { classCode: 'CACT', moodCode: 'EVN' },
        element('reasonCode', TEST_EXST),
        exists && person,
        element('queryAck', {}, element('queryResponseCode', { code: exists ? 'OK' : 'NF' })),
        element(
          'dmp:etatDMP',
          {},
          element(
            'dmp:dossier',
            {
              statut: record.status === 'OPPOSE' ? 'INEXISTANT' : record.status,
              dateFermeture: closed?.closedAt,
              motifFermeture: closed?.reasonCode,
            },
            closed?.reasonText,
          ),
          element('dmp:autorisation', { statut: view.authorization }),
          element('dmp:medecinTraitant', {}, String(view.isMedecinTraitant)),
          element('dmp:compteInternetOuvert', {}, String(patient.mesAccountOpen)),
          view.emergencyAccess &&
            element('dmp:accesUrgence', {
              mode: view.emergencyAccess.mode,
              debut: view.emergencyAccess.openedAt,
              fin: view.emergencyAccess.expiresAt,
            }),
        ),
      ),
    ),
  );
}

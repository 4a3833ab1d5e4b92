import type { Element } from '@xmldom/xmldom';

import { DMP_TD02_NS, HL7_NS } from '../../interop/hl7v3/td02.js';
import { childElements, xmlEscape } from '../../interop/xml/dom.js';
import type { RecordView } from '../rules/record-rules.js';
import { singleChild } from '../soap/envelope.js';
import { PlatformFault } from '../soap/platform-fault.js';
import type { InsReference } from './patient-identifier.js';

const TEST_EXST = { code: 'TEST_EXST', codeSystem: '1.2.250.1.213.1.1.4.11' };
const DMP_DEVICE_ID = '1.2.250.1.213.4.1.1.1';

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

function hl7Date(iso: string): string {
  return iso.replace(/[-:]/g, '').replace('T', '').slice(0, 14);
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
  const record = patient.record;
  const exists = record.status !== 'OPPOSE';
  const person =
    `<subject typeCode="SUBJ"><registrationEvent classCode="REG" moodCode="EVN"><statusCode code="active"/>` +
    `<subject1 typeCode="SBJ"><patient classCode="PAT"><id root="${xmlEscape(patient.oid)}" extension="${xmlEscape(patient.matricule)}"/>` +
    `<statusCode code="${record.status === 'ACTIF' ? 'active' : 'nullified'}"/>` +
    `<patientPerson classCode="PSN" determinerCode="INSTANCE"><name><family qualifier="BR">${xmlEscape(patient.traits.birthName)}</family>` +
    `<family qualifier="SP">${xmlEscape(patient.traits.usedName)}</family><given>${xmlEscape(patient.traits.firstNames[0] ?? '')}</given></name>` +
    `<administrativeGenderCode code="${patient.traits.sex}" codeSystem="2.16.840.1.113883.5.1"/>` +
    `<birthTime value="${xmlEscape(patient.traits.birthDate.replace(/-/g, ''))}"/></patientPerson></patient></subject1>` +
    `</registrationEvent></subject>`;
  const closure =
    record.status === 'FERME'
      ? ` dateFermeture="${xmlEscape(record.closedAt)}" motifFermeture="${xmlEscape(record.reasonCode)}"`
      : '';
  const dmpStatus = record.status === 'OPPOSE' ? 'INEXISTANT' : record.status;
  return (
    `<PRPA_IN201308UV02 xmlns="${HL7_NS}" xmlns:dmp="${DMP_TD02_NS}" ITSVersion="XML_1.0">` +
    `<id root="${DMP_DEVICE_ID}" extension="${xmlEscape(answerId)}"/><creationTime value="${hl7Date(now.toISOString())}"/>` +
    `<interactionId root="2.16.840.1.113883.1.6" extension="PRPA_IN201308UV02"/><processingCode code="P"/>` +
    `<processingModeCode code="T"/><acceptAckCode code="NE"/>` +
    `<acknowledgement typeCode="AA"><targetMessage><id root="${xmlEscape(query.messageId.root)}" extension="${xmlEscape(query.messageId.extension)}"/></targetMessage></acknowledgement>` +
    `<controlActProcess classCode="CACT" moodCode="EVN"><reasonCode code="${TEST_EXST.code}" codeSystem="${TEST_EXST.codeSystem}"/>` +
    (exists ? person : '') +
    `<queryAck><queryResponseCode code="${exists ? 'OK' : 'NF'}"/></queryAck>` +
    `<dmp:etatDMP><dmp:dossier statut="${dmpStatus}"${closure}>${record.status === 'FERME' ? xmlEscape(record.reasonText) : ''}</dmp:dossier>` +
    `<dmp:autorisation statut="${view.authorization}"/>` +
    `<dmp:medecinTraitant>${view.isMedecinTraitant}</dmp:medecinTraitant>` +
    `<dmp:compteInternetOuvert>${patient.mesAccountOpen}</dmp:compteInternetOuvert>` +
    (view.emergencyAccess
      ? `<dmp:accesUrgence mode="${view.emergencyAccess.mode}" debut="${xmlEscape(view.emergencyAccess.openedAt)}" fin="${xmlEscape(view.emergencyAccess.expiresAt)}"/>`
      : '') +
    `</dmp:etatDMP>` +
    `</controlActProcess></PRPA_IN201308UV02>`
  );
}

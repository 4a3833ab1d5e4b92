import { randomUUID } from 'node:crypto';

import type { Element } from '@xmldom/xmldom';
import { z } from 'zod';

import { PasserelleError } from '../../api/errors/index.js';
import { descend, firstChild } from '../xml/dom.js';
import { XML_NS } from '../xml/namespaces.js';
import { element, serializeXml, type XmlChild, type XmlElement } from '../xml/writer.js';

const HL7_NS = XML_NS.hl7;
const DMP_TD02_NS = XML_NS.dmp;
export const TD02_ACTION = 'urn:hl7-org:v3:PRPA_IN201307UV02';

/** The reason of the query: "test d'existence de dossier". */
export const TEST_EXST = { code: 'TEST_EXST', codeSystem: '1.2.250.1.213.1.1.4.11' } as const;
/** The DMP's device id, to which TD0.2 is addressed (as the integration guide has it). */
export const DMP_DEVICE_ID = '1.2.250.1.213.4.1.1.1';

/** An HL7 TS to the second, in UTC. */
export function hl7Time(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/**
 * TD0.2's query (HL7 v3 PRPA_IN201307UV02, reason TEST_EXST "test d'existence de dossier") for one INS,
 * addressed to the DMP's device id as the integration guide has it.
 */
export function buildTd02Request(patient: { matricule: string; oid: string }, senderOid: string, now: Date): string {
  const device = (...children: XmlChild[]): XmlElement =>
    element('device', { classCode: 'DEV', determinerCode: 'INSTANCE' }, ...children);
  return serializeXml(
    element(
      'PRPA_IN201307UV02',
      { xmlns: HL7_NS, ITSVersion: 'XML_1.0' },
      element('id', { root: senderOid, extension: randomUUID() }),
      element('creationTime', { value: hl7Time(now) }),
      element('interactionId', { root: '2.16.840.1.113883.1.6', extension: 'PRPA_IN201307UV02' }),
      element('processingCode', { code: 'P' }),
      element('processingModeCode', { code: 'T' }),
      element('acceptAckCode', { code: 'AL' }),
      element(
        'receiver',
        { typeCode: 'RCV' },
        device(element('id', { root: DMP_DEVICE_ID }), element('softwareName', {}, 'DMP')),
      ),
      element('sender', { typeCode: 'SND' }, device(element('id', { root: senderOid }))),
      element(
        'controlActProcess',
        { classCode: 'CACT', moodCode: 'EVN' },
        element('reasonCode', TEST_EXST),
        element(
          'queryByParameter',
          {},
          element('queryId', { root: senderOid, extension: randomUUID() }),
          element('statusCode', { code: 'new' }),
          element(
            'parameterList',
            {},
            element(
              'patientIdentifier',
              {},
              element('value', { root: patient.oid, extension: patient.matricule }),
              element('semanticsText', {}, 'Patient.id'),
            ),
          ),
        ),
      ),
    ),
  );
}

export const AuthorizationStatusSchema = z.enum(['VALIDE', 'EXPIRE', 'INTERDIT', 'NON_EXISTE']);
export type AuthorizationStatus = z.infer<typeof AuthorizationStatusSchema>;

/**
 * What TD0.2 tells the professional. The patient's traits that the platform returns are deliberately not
 * kept: the software must not display identity traits coming from the DMP (RG_0320); the INS is the reference.
 */
export const RecordStatusSchema = z.object({
  record: z.discriminatedUnion('status', [
    z.object({ status: z.literal('ACTIF') }),
    z.object({ status: z.literal('FERME'), closedAt: z.string(), reasonCode: z.string(), reasonText: z.string() }),
    z.object({ status: z.literal('INEXISTANT') }),
  ]),
  authorization: AuthorizationStatusSchema,
  medecinTraitant: z.boolean(),
  mesAccountOpen: z.boolean(),
  /** The caller's emergency access running on the record, with its window (the bundled mock says it). */
  emergencyAccess: z
    .object({ mode: z.enum(['bris_de_glace', 'centre_15']), start: z.iso.datetime(), end: z.iso.datetime() })
    .optional(),
});
export type RecordStatus = z.infer<typeof RecordStatusSchema>;

function emergencyAccessOf(element: Element | undefined): { emergencyAccess?: unknown } {
  if (!element) return {};
  return {
    emergencyAccess: {
      mode: element.getAttribute('mode'),
      start: element.getAttribute('debut'),
      end: element.getAttribute('fin'),
    },
  };
}

/** Reads TD0.2's answer (PRPA_IN201308UV02); a shape we do not know is a typed PLATFORM_BAD_REPLY. */
export function readTd02Answer(payload: Element, url: string): RecordStatus {
  const bad = (reason: string): PasserelleError => new PasserelleError('PLATFORM_BAD_REPLY', { url, reason });
  if (payload.namespaceURI !== HL7_NS || payload.localName !== 'PRPA_IN201308UV02')
    throw bad('PRPA_IN201308UV02 expected');
  const state = descend(payload, HL7_NS, 'controlActProcess');
  const etat = state && firstChild(state, DMP_TD02_NS, 'etatDMP');
  const dossier = etat && firstChild(etat, DMP_TD02_NS, 'dossier');
  const autorisation = etat && firstChild(etat, DMP_TD02_NS, 'autorisation');
  if (!etat || !dossier || !autorisation) throw bad('etatDMP expected');
  const flag = (name: string): boolean => firstChild(etat, DMP_TD02_NS, name)?.textContent?.trim() === 'true';
  const status = dossier.getAttribute('statut');
  const parsed = RecordStatusSchema.safeParse({
    record:
      status === 'FERME'
        ? {
            status,
            closedAt: dossier.getAttribute('dateFermeture') ?? '',
            reasonCode: dossier.getAttribute('motifFermeture') ?? '',
            reasonText: dossier.textContent?.trim() ?? '',
          }
        : { status },
    authorization: autorisation.getAttribute('statut'),
    medecinTraitant: flag('medecinTraitant'),
    mesAccountOpen: flag('compteInternetOuvert'),
    ...emergencyAccessOf(firstChild(etat, DMP_TD02_NS, 'accesUrgence')),
  });
  if (!parsed.success) throw bad('unknown record or authorization status');
  return parsed.data;
}

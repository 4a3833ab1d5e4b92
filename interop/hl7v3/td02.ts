import { randomUUID } from 'node:crypto';

import type { Element } from '@xmldom/xmldom';
import { z } from 'zod';

import { PasserelleError } from '../../api/errors/index.js';
import { descend, firstChild, xmlEscape } from '../xml/dom.js';

export const HL7_NS = 'urn:hl7-org:v3';
/** The DMP-specific part of the TD0.2 answer. The public sources name its content, not its schema: our shape. */
export const DMP_TD02_NS = 'urn:si-dmp:patients';
export const TD02_ACTION = 'urn:hl7-org:v3:PRPA_IN201307UV02';

function hl7Time(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/**
 * TD0.2's query (HL7 v3 PRPA_IN201307UV02, reason TEST_EXST "test d'existence de dossier") for one INS,
 * addressed to the DMP's device id as the integration guide has it.
 */
export function buildTd02Request(patient: { matricule: string; oid: string }, senderOid: string, now: Date): string {
  return (
    `<PRPA_IN201307UV02 xmlns="${HL7_NS}" ITSVersion="XML_1.0"><id root="${xmlEscape(senderOid)}" extension="${randomUUID()}"/>` +
    `<creationTime value="${hl7Time(now)}"/><interactionId root="2.16.840.1.113883.1.6" extension="PRPA_IN201307UV02"/>` +
    `<processingCode code="P"/><processingModeCode code="T"/><acceptAckCode code="AL"/>` +
    `<receiver typeCode="RCV"><device classCode="DEV" determinerCode="INSTANCE"><id root="1.2.250.1.213.4.1.1.1"/><softwareName>DMP</softwareName></device></receiver>` +
    `<sender typeCode="SND"><device classCode="DEV" determinerCode="INSTANCE"><id root="${xmlEscape(senderOid)}"/></device></sender>` +
    `<controlActProcess classCode="CACT" moodCode="EVN"><reasonCode code="TEST_EXST" codeSystem="1.2.250.1.213.1.1.4.11"/>` +
    `<queryByParameter><queryId root="${xmlEscape(senderOid)}" extension="${randomUUID()}"/><statusCode code="new"/><parameterList><patientIdentifier>` +
    `<value root="${xmlEscape(patient.oid)}" extension="${xmlEscape(patient.matricule)}"/><semanticsText>Patient.id</semanticsText>` +
    `</patientIdentifier></parameterList></queryByParameter></controlActProcess></PRPA_IN201307UV02>`
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

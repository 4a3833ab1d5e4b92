import { randomUUID } from 'node:crypto';

import { SOAP12_NS, WSA_NS, WSSE_NS, xmlText } from '../soap/envelope.js';

/** A SOAP 1.2 envelope with WS-Addressing and, when given, a VIHF in `wsse:Security`; for the mock's tests. */
export function testEnvelope(action: string, to: string, body: string, options: { vihf?: string; extraHeaders?: string } = {}): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="${SOAP12_NS}" xmlns:wsa="${WSA_NS}"><soap:Header>` +
    `<wsa:Action soap:mustUnderstand="true">${xmlText(action)}</wsa:Action><wsa:MessageID>urn:uuid:${randomUUID()}</wsa:MessageID>` +
    `<wsa:To>${xmlText(to)}</wsa:To>` +
    (options.vihf === undefined ? '' : `<wsse:Security xmlns:wsse="${WSSE_NS}">${options.vihf}</wsse:Security>`) +
    (options.extraHeaders ?? '') +
    `</soap:Header><soap:Body>${body}</soap:Body></soap:Envelope>`
  );
}

/** TD0.2's query body for a test-OID INS. */
export function td02Body(matricule: string, oid = '1.2.250.1.213.1.4.10'): string {
  return (
    `<PRPA_IN201307UV02 xmlns="urn:hl7-org:v3" ITSVersion="XML_1.0"><id root="1.2.3.4" extension="${randomUUID()}"/>` +
    `<creationTime value="20260301100000"/><interactionId root="2.16.840.1.113883.1.6" extension="PRPA_IN201307UV02"/>` +
    `<processingCode code="P"/><processingModeCode code="T"/><acceptAckCode code="AL"/>` +
    `<receiver typeCode="RCV"><device classCode="DEV" determinerCode="INSTANCE"><id root="1.2.250.1.213.4.1.1.1"/><softwareName>DMP</softwareName></device></receiver>` +
    `<controlActProcess classCode="CACT" moodCode="EVN"><reasonCode code="TEST_EXST" codeSystem="1.2.250.1.213.1.1.4.11"/>` +
    `<queryByParameter><statusCode code="new"/><parameterList><patientIdentifier><value root="${oid}" extension="${matricule}"/>` +
    `<semanticsText>Patient.id</semanticsText></patientIdentifier></parameterList></queryByParameter></controlActProcess></PRPA_IN201307UV02>`
  );
}

/** TD0.3's `setAuthorization` body. */
export function td03Body(action: 'AJOUT' | 'SUPPRESSION', medecinTraitant = false): string {
  return `<setAuthorization xmlns="urn:si-dmp-habilitations"><action>${action}</action>${medecinTraitant ? '<role>MEDECIN_TRAITANT</role>' : ''}</setAuthorization>`;
}

/** INSi's LPS context header (IDAM and software name). */
export function insiContext(idam = 'TEST-IDAM'): string {
  return (
    `<ctxlps:ContexteLPS xmlns:ctxlps="urn:siram:lps:ctxlps" Nature="CTXLPS" Version="01_00"><ctxlps:Id>${randomUUID()}</ctxlps:Id>` +
    `<ctxlps:Temps>2026-03-01T10:00:00Z</ctxlps:Temps><ctxlps:Emetteur>test</ctxlps:Emetteur>` +
    `<ctxlps:LPS>${idam === '' ? '' : `<ctxlps:IDAM R="4">${xmlText(idam)}</ctxlps:IDAM>`}<ctxlps:Version>0.1.0</ctxlps:Version>` +
    `<ctxlps:Nom>urn:lps:passerelle:0.1.0</ctxlps:Nom></ctxlps:LPS></ctxlps:ContexteLPS>`
  );
}

/** INSi search by traits (`RECSANSVITALE`). */
export function insiTraitsBody(traits: { birthName: string; firstNames: string[]; sex: string; birthDate: string; birthPlace?: string }): string {
  return (
    `<RECSANSVITALE xmlns="http://www.cnamts.fr/INSiRecSans"><NomNaissance>${xmlText(traits.birthName)}</NomNaissance>` +
    traits.firstNames.map((name) => `<Prenom>${xmlText(name)}</Prenom>`).join('') +
    `<Sexe>${xmlText(traits.sex)}</Sexe><DateNaissance>${xmlText(traits.birthDate)}</DateNaissance>` +
    (traits.birthPlace === undefined ? '' : `<LieuNaissance>${xmlText(traits.birthPlace)}</LieuNaissance>`) +
    `</RECSANSVITALE>`
  );
}

/** INSi search with a Vitale card (`RECVITALE`): the holder's NIR, the beneficiary's birth date and rank. */
export function insiVitaleBody(query: { holder: string; beneficiary?: string; birthDate: string; rank?: number }): string {
  const matricule = (name: string, nir: string): string => `<${name}><NumIdentifiant>${nir.slice(0, 13)}</NumIdentifiant><Cle>${nir.slice(13)}</Cle></${name}>`;
  return (
    `<RECVITALE xmlns="http://www.cnamts.fr/INSiRecVit">` +
    (query.beneficiary === undefined ? '' : matricule('MatriculeIndividu', query.beneficiary)) +
    matricule('MatriculeOD', query.holder) +
    `<DateNaissance>${xmlText(query.birthDate)}</DateNaissance>` +
    (query.rank === undefined ? '' : `<RangNaissance>${query.rank}</RangNaissance>`) +
    `</RECVITALE>`
  );
}

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { XMLSerializer } from '@xmldom/xmldom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { parseXml } from '../../interop/xml/safe-parse.js';
import { SEED_MATRICULES } from '../seed/seed-data.js';
import { cardHolder, faultCode, type TestProfessional } from '../test-support/dmp-caller.js';
import { httpsRequest } from '../test-support/https-client.js';
import { insiContext, insiTraitsBody, insiVitaleBody, testEnvelope } from '../test-support/soap-messages.js';
import { startTestPlatform, type TestPlatform } from '../testing.js';
import { INSI_ACTIONS, INSI_PATH } from './insi-service.js';

const RESULT_NS = 'http://www.cnamts.fr/INSiResultat';
/** The CNAM's INSi schemas, kept outside the product (../shared/external/insi-wsdl). */
const INSI_XSD = fileURLToPath(new URL('../../../shared/external/insi-wsdl/xsd/', import.meta.url));

/** xmllint's complaints about `xml` against one INSi schema (none when it validates). */
function schemaProblems(xml: string, schema: string): string[] {
  const run = spawnSync('xmllint', ['--noout', '--nonet', '--schema', `${INSI_XSD}${schema}`, '-'], { input: xml, encoding: 'utf8' });
  if (run.error) throw run.error;
  return run.status === 0 ? [] : run.stderr.split('\n').filter((line) => line.trim() !== '');
}

function part(xml: string, namespace: string, localName: string): string {
  return new XMLSerializer().serializeToString(parseXml(xml).getElementsByTagNameNS(namespace, localName)[0]!);
}

describe('the INSi service of the mock platform', () => {
  let platform: TestPlatform;
  let operator: TestProfessional;

  beforeAll(async () => {
    platform = await startTestPlatform();
    operator = cardHolder(platform, '899700100017');
  });
  afterAll(() => platform.dispose());

  const ask = (action: string, body: string, context = insiContext()) =>
    httpsRequest(platform.port, platform.pki.rootPem, {
      path: INSI_PATH,
      headers: { 'Content-Type': `application/soap+xml; charset=utf-8; action="${action}"` },
      body: testEnvelope(action, `${platform.url}${INSI_PATH}`, body, { extraHeaders: context }),
      client: operator.tls,
    });

  const result = (body: string) => {
    const doc = parseXml(body);
    const text = (name: string) => doc.getElementsByTagNameNS(RESULT_NS, name)[0]?.textContent ?? undefined;
    return { code: text('CodeCR'), matricule: `${text('NumIdentifiant') ?? ''}${text('Cle') ?? ''}`, oid: text('OID'), text, doc };
  };

  it('answers 00 with the INS, the reference traits and the history for a Vitale beneficiary', async () => {
    const answer = await ask(INSI_ACTIONS.vitale, insiVitaleBody({ holder: SEED_MATRICULES.lunaire, birthDate: '00001962' }));
    expect(answer.status).toBe(200);
    const found = result(answer.body);
    expect(found.code).toBe('00');
    expect(found.doc.getElementsByTagNameNS(RESULT_NS, 'INSACTIF')[0]?.textContent).toContain(SEED_MATRICULES.lunaire.slice(0, 13));
    expect(found.text('OID')).toBe('1.2.250.1.213.1.4.10');
    expect([found.text('NomNaissance'), found.text('ListePrenom'), found.text('Sexe'), found.text('DateNaissance'), found.text('LieuNaissance')]).toEqual([
      'LUNE-FICTIF',
      'OMAR',
      'M',
      '1962-00-00',
      '99350',
    ]);
    expect(found.doc.getElementsByTagNameNS(RESULT_NS, 'INSHISTO')).toHaveLength(1);
    expect(platform.audit.list().at(-1)).toMatchObject({ action: 'INSi.vitale', patient: SEED_MATRICULES.lunaire, outcome: 'OK' });
  });

  it('tells twins on one card apart by birth rank, and gives 02 without a rank', async () => {
    const holder = '290013306302176';
    const second = result((await ask(INSI_ACTIONS.vitale, insiVitaleBody({ holder, birthDate: '2020-01-14', rank: 2 }))).body);
    expect([second.code, second.text('ListePrenom')]).toEqual(['00', 'LEA']);
    expect(result((await ask(INSI_ACTIONS.vitale, insiVitaleBody({ holder, birthDate: '2020-01-14' }))).body).code).toBe('02');
  });

  it('finds a child of a family card by her own NIR', async () => {
    const found = result(
      (await ask(INSI_ACTIONS.vitale, insiVitaleBody({ holder: SEED_MATRICULES.famillePere, beneficiary: SEED_MATRICULES.familleMineureSecrete, birthDate: '21032011' }))).body,
    );
    expect([found.code, found.text('ListePrenom')]).toEqual(['00', 'CHLOE']);
  });

  it('answers 02 to a traits search matching the homonyms, and 00 once the birth place is given', async () => {
    const traits = { birthName: 'DOUBLON-FICTIF', firstNames: ['PIERRE'], sex: 'M', birthDate: '1980-06-15' };
    const several = result((await ask(INSI_ACTIONS.traits, insiTraitsBody(traits))).body);
    expect(several.code).toBe('02');
    expect(several.doc.getElementsByTagNameNS(RESULT_NS, 'INDIVIDU')).toHaveLength(0);
    const one = result((await ask(INSI_ACTIONS.traits, insiTraitsBody({ ...traits, birthPlace: '59350' }))).body);
    expect([one.code, one.matricule]).toEqual(['00', SEED_MATRICULES.homonyme2]);
  });

  it('matches accents and case like the registry, and answers 01 when nobody matches', async () => {
    const accented = { birthName: 'Martin-Fictif', firstNames: ['Jéanne'], sex: 'F', birthDate: '1985-05-12' };
    expect(result((await ask(INSI_ACTIONS.traits, insiTraitsBody(accented))).body).matricule).toBe(SEED_MATRICULES.adulte);
    const nobody = result((await ask(INSI_ACTIONS.traits, insiTraitsBody({ ...accented, birthDate: '1985-05-13' }))).body);
    expect(nobody.code).toBe('01');
  });

  it('speaks the CNAM schemas: requests it accepts, results and errors it writes', async () => {
    const traits = insiTraitsBody({ birthName: 'DOUBLON-FICTIF', firstNames: ['PIERRE'], sex: 'M', birthDate: '1980-06-15', birthPlace: '13055' });
    const vitale = insiVitaleBody({ holder: SEED_MATRICULES.lunaire, birthDate: '00001962' });
    expect(schemaProblems(traits, 'ServiceIdentiteCertifiee/INSi_RECSANS_INS.xsd')).toEqual([]);
    expect(schemaProblems(vitale, 'ServiceIdentiteCertifiee/INSi_RECVITALE_INS.xsd')).toEqual([]);
    for (const answer of [await ask(INSI_ACTIONS.traits, traits), await ask(INSI_ACTIONS.vitale, vitale), await ask(INSI_ACTIONS.vitale, insiVitaleBody({ holder: SEED_MATRICULES.adulte, birthDate: '1900-01-01' }))]) {
      expect(schemaProblems(part(answer.body, RESULT_NS, 'RESULTAT'), 'ServiceIdentiteCertifiee/INSi_RESULTAT_INS.xsd')).toEqual([]);
    }
    const refused = await ask(INSI_ACTIONS.traits, traits, insiContext(''));
    expect(schemaProblems(part(refused.body, 'urn:siram', 'Erreur'), 'schema_faultSOAP_V01_01.xsd')).toEqual([]);
  });

  it('answers malformed requests with faults', async () => {
    const bad = [
      insiTraitsBody({ birthName: 'X', firstNames: ['Y'], sex: 'Z', birthDate: '1985-05-12' }),
      insiTraitsBody({ birthName: 'X', firstNames: [], sex: 'M', birthDate: '1985-05-12' }),
      insiTraitsBody({ birthName: 'X', firstNames: ['Y'], sex: 'M', birthDate: '12/05/1985' }),
    ];
    for (const body of bad) expect(faultCode(await ask(INSI_ACTIONS.traits, body))).toBe('REQUETE_MALFORMEE');
    const wrongKey = insiVitaleBody({ holder: `${SEED_MATRICULES.adulte.slice(0, 13)}00`, birthDate: '1985-05-12' });
    expect(faultCode(await ask(INSI_ACTIONS.vitale, wrongKey))).toBe('INS_INVALIDE');
    const noIdam = await ask(INSI_ACTIONS.traits, bad[0]!, insiContext(''));
    expect(faultCode(noIdam)).toBe('LOGICIEL_INCONNU');
    expect(noIdam.body).toContain('code="DESIR_550"');
  });
});

import { spawnSync } from 'node:child_process';

import { XMLSerializer } from '@xmldom/xmldom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  buildInsiTraitsRequest,
  buildInsiVitaleRequest,
  INSI_ACTIONS,
  insiContextHeader,
  readInsiResult,
  type InsiResult,
} from '../../interop/insi/insi-messages.js';
import { SERVICE_PATHS } from '../../interop/platform/service-paths.js';
import { EXTERNAL_KITS } from '../../interop/test-support/external-kits.js';
import { parseXml } from '../../interop/xml/safe-parse.js';
import { SEED_MATRICULES } from '../seed/seed-data.js';
import { cardHolder, faultCode, resultPayload, soapPost, type TestCaller } from '../test-support/dmp-caller.js';
import type { RawAnswer } from '../test-support/https-client.js';
import { startTestPlatform, type TestPlatform } from '../testing.js';

const RESULT_NS = 'http://www.cnamts.fr/INSiResultat';
/** The CNAM's INSi schemas, kept outside the product (../shared/external/insi-wsdl). */
const INSI_XSD = `${EXTERNAL_KITS.insiXsd}/`;

/** xmllint's complaints about `xml` against one INSi schema (none when it validates). */
function schemaProblems(xml: string, schema: string): string[] {
  const run = spawnSync('xmllint', ['--noout', '--nonet', '--schema', `${INSI_XSD}${schema}`, '-'], {
    input: xml,
    encoding: 'utf8',
  });
  if (run.error) throw run.error;
  return run.status === 0 ? [] : run.stderr.split('\n').filter((line) => line.trim() !== '');
}

function part(xml: string, namespace: string, localName: string): string {
  return new XMLSerializer().serializeToString(parseXml(xml).getElementsByTagNameNS(namespace, localName)[0]!);
}

const SOFTWARE = { name: 'Passerelle', version: '0.1.0', idam: 'TEST-IDAM' };
const HOLDER_TWINS = '290013306302176';
const withoutElement = (name: string) => (xml: string) => xml.replace(new RegExp(`<${name}>.*?</${name}>`), '');
type Traits = Parameters<typeof buildInsiTraitsRequest>[0];

describe('the INSi service of the mock platform', () => {
  let platform: TestPlatform;
  let operator: TestCaller;

  beforeAll(async () => {
    platform = await startTestPlatform();
    operator = cardHolder(platform, '899700100017');
  });
  afterAll(() => platform.dispose());

  const ask = (action: string, body: string, software = SOFTWARE): Promise<RawAnswer> =>
    soapPost(platform, operator, SERVICE_PATHS.insi, action, body, {
      extraHeadersXml: insiContextHeader(software, new Date()),
    });
  const byTraits = async (traits: Traits): Promise<InsiResult> =>
    readInsiResult(resultPayload(await ask(INSI_ACTIONS.traits, buildInsiTraitsRequest(traits))), 'mock');
  /** The Vitale search as the client sends it, optionally without what an older card does not carry. */
  const vitale = (
    query: Parameters<typeof buildInsiVitaleRequest>[0],
    edit: (xml: string) => string = (xml) => xml,
  ): string => edit(buildInsiVitaleRequest(query));
  const byVitale = async (body: string): Promise<InsiResult> =>
    readInsiResult(resultPayload(await ask(INSI_ACTIONS.vitale, body)), 'mock');
  const lunar = vitale({
    holderNir: SEED_MATRICULES.lunaire,
    beneficiaryNir: SEED_MATRICULES.lunaire,
    birthDateOnCard: '00001962',
    birthRank: 1,
  });
  const homonyms: Traits = { birthName: 'DOUBLON-FICTIF', firstNames: ['PIERRE'], sex: 'M', birthDate: '1980-06-15' };

  it('answers 00 with the INS, the reference traits and the history for a Vitale beneficiary', async () => {
    expect(await byVitale(lunar)).toEqual({
      code: '00',
      identity: {
        matricule: SEED_MATRICULES.lunaire,
        oid: '1.2.250.1.213.1.4.10',
        traits: {
          birthName: 'LUNE-FICTIF',
          firstNames: ['OMAR'],
          sex: 'M',
          birthDate: '1962-00-00',
          birthPlace: '99350',
        },
        history: [{ matricule: '762009935000125', oid: '1.2.250.1.213.1.4.9' }],
      },
    });
    expect(platform.audit.list().at(-1)).toMatchObject({
      action: 'INSi.vitale',
      patient: SEED_MATRICULES.lunaire,
      outcome: 'OK',
    });
  });

  it('tells twins on one card apart by birth rank, and answers 02 when only the holder and date are known', async () => {
    const second = await byVitale(
      vitale({ holderNir: HOLDER_TWINS, beneficiaryNir: '220013306304686', birthDateOnCard: '14012020', birthRank: 2 }),
    );
    expect(second.code === '00' && second.identity.traits.firstNames).toEqual(['LEA']);
    const holderOnly = vitale(
      { holderNir: HOLDER_TWINS, beneficiaryNir: HOLDER_TWINS, birthDateOnCard: '14012020', birthRank: 1 },
      (xml) => withoutElement('RangNaissance')(withoutElement('MatriculeIndividu')(xml)),
    );
    expect((await byVitale(holderOnly)).code).toBe('02');
  });

  it('finds a child of a family card by her own NIR', async () => {
    const chloe = await byVitale(
      vitale({
        holderNir: SEED_MATRICULES.famillePere,
        beneficiaryNir: SEED_MATRICULES.familleMineureSecrete,
        birthDateOnCard: '21032011',
        birthRank: 1,
      }),
    );
    expect(chloe.code === '00' && chloe.identity.matricule).toBe(SEED_MATRICULES.familleMineureSecrete);
  });

  it('answers 02 to a traits search matching the homonyms, and 00 once the birth place is given', async () => {
    const several = await ask(INSI_ACTIONS.traits, buildInsiTraitsRequest(homonyms));
    expect(readInsiResult(resultPayload(several), 'mock')).toEqual({ code: '02' });
    expect(several.body).not.toContain('INDIVIDU');
    const one = await byTraits({ ...homonyms, birthPlace: '59350' });
    expect(one.code === '00' && one.identity.matricule).toBe(SEED_MATRICULES.homonyme2);
  });

  it('matches accents and case like the registry, and answers 01 when nobody matches', async () => {
    const accented: Traits = { birthName: 'Martin-Fictif', firstNames: ['Jéanne'], sex: 'F', birthDate: '1985-05-12' };
    const found = await byTraits(accented);
    expect(found.code === '00' && found.identity.matricule).toBe(SEED_MATRICULES.adulte);
    expect(await byTraits({ ...accented, birthDate: '1985-05-13' })).toEqual({ code: '01' });
  });

  it('speaks the CNAM schemas: requests it accepts, results and errors it writes', async () => {
    const traits = buildInsiTraitsRequest({ ...homonyms, birthPlace: '13055' });
    expect(schemaProblems(traits, 'ServiceIdentiteCertifiee/INSi_RECSANS_INS.xsd')).toEqual([]);
    expect(schemaProblems(lunar, 'ServiceIdentiteCertifiee/INSi_RECVITALE_INS.xsd')).toEqual([]);
    const nobody = buildInsiTraitsRequest({ ...homonyms, birthDate: '1900-01-01' });
    for (const answer of [
      await ask(INSI_ACTIONS.traits, traits),
      await ask(INSI_ACTIONS.vitale, lunar),
      await ask(INSI_ACTIONS.traits, nobody),
    ]) {
      expect(
        schemaProblems(part(answer.body, RESULT_NS, 'RESULTAT'), 'ServiceIdentiteCertifiee/INSi_RESULTAT_INS.xsd'),
      ).toEqual([]);
    }
    const refused = await ask(INSI_ACTIONS.traits, traits, { ...SOFTWARE, idam: '' });
    expect(schemaProblems(part(refused.body, 'urn:siram', 'Erreur'), 'schema_faultSOAP_V01_01.xsd')).toEqual([]);
  });

  it('answers malformed requests with faults', async () => {
    const good = buildInsiTraitsRequest(homonyms);
    const bad = [
      good.replace('<Sexe>M</Sexe>', '<Sexe>Z</Sexe>'),
      good.replace('<Prenom>PIERRE</Prenom>', ''),
      good.replace('1980-06-15', '15/06/1980'),
    ];
    for (const body of bad) expect(faultCode(await ask(INSI_ACTIONS.traits, body))).toBe('REQUETE_MALFORMEE');
    const wrongKey = vitale({
      holderNir: `${SEED_MATRICULES.adulte.slice(0, 13)}00`,
      beneficiaryNir: SEED_MATRICULES.adulte,
      birthDateOnCard: '12051985',
      birthRank: 1,
    });
    expect(faultCode(await ask(INSI_ACTIONS.vitale, wrongKey))).toBe('INS_INVALIDE');
    const noIdam = await ask(INSI_ACTIONS.traits, good, { ...SOFTWARE, idam: '' });
    expect(faultCode(noIdam)).toBe('LOGICIEL_INCONNU');
    expect(noIdam.body).toContain('code="DESIR_550"');
  });

  it('refuses an organisation certificate not issued for INSi (DESIR_560), and answers one whose CN is INSI-AUTO or INSI-MANU', async () => {
    const org = { finess: '750000001', name: 'CHU Fictif de Paris' };
    const body = buildInsiTraitsRequest({ ...homonyms, birthPlace: '59350' });
    const as = (tls: TestCaller['tls']): Promise<RawAnswer> =>
      soapPost(platform, { ...operator, tls }, SERVICE_PATHS.insi, INSI_ACTIONS.traits, body, {
        extraHeadersXml: insiContextHeader(SOFTWARE, new Date()),
      });
    const refused = await as(platform.pki.issueOrganisation({ ...org, usage: 'authentication' }));
    expect(faultCode(refused)).toBe('CERTIFICAT_INSI_REQUIS');
    expect(refused.body).toContain('code="DESIR_560"');
    expect(schemaProblems(part(refused.body, 'urn:siram', 'Erreur'), 'schema_faultSOAP_V01_01.xsd')).toEqual([]);
    expect(platform.audit.list().at(-1)).toMatchObject({
      action: 'INSi.traits',
      actor: '750000001',
      outcome: 'CERTIFICAT_INSI_REQUIS',
      patient: '-',
    });
    for (const usage of ['insi-auto', 'insi-manu'] as const) {
      const found = readInsiResult(resultPayload(await as(platform.pki.issueOrganisation({ ...org, usage }))), 'mock');
      expect(found.code === '00' && found.identity.matricule).toBe(SEED_MATRICULES.homonyme2);
      expect(platform.audit.list().at(-1)).toMatchObject({
        action: 'INSi.traits',
        actor: usage.toUpperCase(),
        outcome: 'OK',
      });
    }
  });
});

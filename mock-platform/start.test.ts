import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { TD02_ACTION, buildTd02Request } from '../interop/hl7v3/td02.js';
import { SERVICE_PATHS } from '../interop/platform/service-paths.js';
import { buildSoapEnvelope } from '../interop/soap/envelope.js';
import { loadOrCreateTestPki } from '../interop/test-pki/index.js';
import { XDS_ACTIONS } from '../interop/xds/actions.js';
import { SEED_MATRICULES, SEED_PROFESSIONALS } from './seed/seed-data.js';
import { openPlatformDatabase } from './store/database.js';
import {
  cardHolder,
  establishment,
  faultCode,
  recordStatus,
  samuRegulator,
  soapPost,
  td02,
  td03,
  td03Status,
  vihfFor,
  type TestCaller,
} from './test-support/dmp-caller.js';
import { httpsRequest, type RawAnswer } from './test-support/https-client.js';
import { pemSigner } from './test-support/pem-signer.js';
import { startTestPlatform, type TestPlatform } from './testing.js';

const GP = SEED_PROFESSIONALS.generaliste;
const PODIATRIST = SEED_PROFESSIONALS.pedicure;
const ADULT = SEED_MATRICULES.adulte;
const td02Query = (matricule: string): string =>
  buildTd02Request({ matricule, oid: '1.2.250.1.213.1.4.10' }, '1.2.3.4', new Date());
const withoutAttribute = (name: string) => (xml: string) =>
  xml.replace(new RegExp(`<saml2:Attribute Name="${name}">.*?</saml2:Attribute>`), '');

describe('the mock platform', () => {
  let platform: TestPlatform;
  let gp: TestCaller;
  let foreignDir: string;

  beforeAll(async () => {
    foreignDir = mkdtempSync(join(tmpdir(), 'foreign-pki-'));
    platform = await startTestPlatform();
    gp = cardHolder(platform, GP);
  });

  afterAll(async () => {
    await platform.dispose();
    rmSync(foreignDir, { recursive: true, force: true });
  });

  beforeEach(() => {
    platform.faults.clear();
    platform.reseed();
  });

  const foreignCard = (usage: 'authentication' | 'signature') =>
    loadOrCreateTestPki(foreignDir).issuePerson({ nationalId: GP, lastName: 'X', firstName: 'Y', usage });

  describe('mutual TLS', () => {
    it('refuses a card certificate from another CA at the handshake', async () => {
      const before = platform.audit.list().length;
      await expect(
        soapPost(
          platform,
          { ...gp, tls: foreignCard('authentication') },
          SERVICE_PATHS.patients,
          TD02_ACTION,
          td02Query(ADULT),
        ),
      ).rejects.toThrow();
      expect(platform.audit.list().slice(before)).toEqual([
        expect.objectContaining({ action: 'TLS', actor: '-', patient: '-', outcome: 'CERTIFICAT_NON_RECONNU' }),
      ]);
    });

    it('refuses a DMP call without a client certificate, before reading it', async () => {
      const answer = await soapPost(platform, undefined, SERVICE_PATHS.patients, TD02_ACTION, td02Query(ADULT));
      expect(answer.status).toBe(403);
      expect(faultCode(answer)).toBe('CERTIFICAT_ABSENT');
      expect(platform.audit.list().at(-1)).toMatchObject({ actor: '-', patient: '-', outcome: 'CERTIFICAT_ABSENT' });
    });

    it('lets the portal through without a certificate (and asks for the patient credentials)', async () => {
      const answer = await httpsRequest(platform.port, platform.pki.rootPem, { method: 'GET', path: '/portail/' });
      expect(answer.status).toBe(401);
      expect(answer.headers['www-authenticate']).toMatch(/^Basic/);
    });
  });

  describe('record status and consent', () => {
    it('runs TD0.2 NON_EXISTE → TD0.3 AJOUT → TD0.2 VALIDE, with audit and notification', async () => {
      const first = await td02(platform, gp, ADULT);
      expect(first.status).toBe(200);
      expect(recordStatus(first)).toEqual({
        record: { status: 'ACTIF' },
        authorization: 'NON_EXISTE',
        medecinTraitant: false,
        mesAccountOpen: true,
      });

      expect(td03Status(await td03(platform, gp, ADULT, 'AJOUT'))).toBe('VALIDE');
      expect(recordStatus(await td02(platform, gp, ADULT))).toMatchObject({
        authorization: 'VALIDE',
        medecinTraitant: false,
      });

      const trail = platform.audit.list({ patient: ADULT });
      expect(
        trail.slice(-3).map((e) => [e.action, e.actor, e.profession, e.structure, e.authMode, e.accessMode, e.outcome]),
      ).toEqual([
        ['TD0.2', GP, '10', '0751234567', 'DIRECTE', 'normal', 'OK'],
        ['TD0.3', GP, '10', '0751234567', 'DIRECTE', 'normal', 'OK'],
        ['TD0.2', GP, '10', '0751234567', 'DIRECTE', 'normal', 'OK'],
      ]);
      expect(platform.outbox.forPatient(ADULT)).toEqual([expect.objectContaining({ kind: 'autorisation', actor: GP })]);
      expect(platform.audit.verify()).toMatchObject({ intact: true });
    });

    it('declares and gives up the médecin traitant role', async () => {
      await td03(platform, gp, ADULT, 'AJOUT', true);
      expect(recordStatus(await td02(platform, gp, ADULT)).medecinTraitant).toBe(true);
      await td03(platform, gp, ADULT, 'SUPPRESSION', true);
      expect(recordStatus(await td02(platform, gp, ADULT))).toMatchObject({
        medecinTraitant: false,
        authorization: 'VALIDE',
      });
      await td03(platform, gp, ADULT, 'SUPPRESSION');
      expect(recordStatus(await td02(platform, gp, ADULT)).authorization).toBe('NON_EXISTE');
      expect(faultCode(await td03(platform, gp, ADULT, 'SUPPRESSION'))).toBe('AUTORISATION_INEXISTANTE');
    });

    it('reports an expired authorization as EXPIRE', async () => {
      expect(recordStatus(await td02(platform, gp, SEED_MATRICULES.corse)).authorization).toBe('EXPIRE');
      expect(recordStatus(await td02(platform, gp, SEED_MATRICULES.famillePere)).authorization).toBe('VALIDE');
    });

    it('answers a closed record with its closure, and refuses consent on it', async () => {
      expect(recordStatus(await td02(platform, gp, SEED_MATRICULES.dossierFerme)).record).toEqual({
        status: 'FERME',
        closedAt: '2025-06-30T10:00:00.000Z',
        reasonCode: 'DEMANDE_PATIENT',
        reasonText: 'Fermeture à la demande du titulaire',
      });
      const consent = await td03(platform, gp, SEED_MATRICULES.dossierFerme, 'AJOUT');
      expect([consent.status, faultCode(consent)]).toEqual([500, 'DMP_FERME']);
    });

    it('answers an opposed patient as having no record, without his identity', async () => {
      const answer = await td02(platform, gp, SEED_MATRICULES.opposant);
      expect(recordStatus(answer).record).toEqual({ status: 'INEXISTANT' });
      expect(answer.body).not.toContain('REFUS-FICTIF');
      expect(faultCode(await td03(platform, gp, SEED_MATRICULES.opposant, 'AJOUT'))).toBe('DMP_INEXISTANT');
    });

    it('answers INTERDIT to a professional the patient blocked, whatever he declares', async () => {
      const podiatrist = cardHolder(platform, PODIATRIST, '80');
      expect(recordStatus(await td02(platform, podiatrist, ADULT)).authorization).toBe('INTERDIT');
      expect(faultCode(await td03(platform, podiatrist, ADULT, 'AJOUT'))).toBe('PS_BLOQUE');
      platform.store.grant(ADULT, PODIATRIST, '2026-01-01T00:00:00.000Z', '2099-01-01T00:00:00.000Z');
      expect(recordStatus(await td02(platform, podiatrist, ADULT)).authorization).toBe('INTERDIT');
    });

    it('refuses break-glass and centre 15 to a patient who opposed them, and notifies the others', async () => {
      expect(
        faultCode(
          await td02(platform, gp, SEED_MATRICULES.opposeBrisDeGlace, {
            claims: { accessMode: 'bris_de_glace', accessReason: 'Patient inconscient aux urgences' },
          }),
        ),
      ).toBe('BRIS_DE_GLACE_REFUSE');
      expect(
        faultCode(
          await td02(platform, samuRegulator(platform), SEED_MATRICULES.opposeBrisDeGlace, {
            claims: { accessMode: 'centre_15', accessReason: 'Appel au 15 pour malaise', medicalRegulation: true },
          }),
        ),
      ).toBe('CENTRE_15_REFUSE');
      expect(
        (
          await td02(platform, gp, SEED_MATRICULES.inconscient, {
            claims: { accessMode: 'bris_de_glace', accessReason: 'Patient inconscient' },
          })
        ).status,
      ).toBe(200);
      expect(platform.outbox.forPatient(SEED_MATRICULES.inconscient)).toEqual([
        expect.objectContaining({ kind: 'bris_de_glace', actor: GP }),
      ]);
      expect(platform.audit.list().at(-1)).toMatchObject({
        action: 'TD0.2',
        accessMode: 'bris_de_glace',
        outcome: 'OK',
      });
    });

    it('holds authorizations per structure in indirect mode', async () => {
      const chu = establishment(platform, '750000019', 'SEC0001');
      expect(recordStatus(await td02(platform, chu, ADULT)).authorization).toBe('NON_EXISTE');
      expect(td03Status(await td03(platform, chu, ADULT, 'AJOUT'))).toBe('VALIDE');
      expect(platform.store.authorization(ADULT, '1750000019')).toBeDefined();
      expect(platform.audit.list().at(-1)).toMatchObject({
        actor: 'SEC0001',
        structure: '1750000019',
        authMode: 'INDIRECTE',
      });
    });
  });

  describe('VIHF checks', () => {
    const expectFault = async (answer: Promise<RawAnswer>, code: string) => {
      const settled = await answer;
      expect(settled.status).toBe(500);
      expect(faultCode(settled)).toBe(code);
      expect(settled.body).toContain('<soap:Text xml:lang="fr">');
    };

    it('refuses a VIHF whose signature does not match its content', async () => {
      const vihf = (await vihfFor(gp, ADULT)).replace('TEST Praticien', 'AUTRE Praticien');
      await expectFault(td02(platform, gp, ADULT, { rawVihf: vihf }), 'VIHF_SIGNATURE_INVALIDE');
    });

    it('refuses a wrapped signature: the verified assertion hidden, another one presented', async () => {
      const genuine = await vihfFor(gp, SEED_MATRICULES.famillePere);
      const id = /ID="([^"]+)"/.exec(genuine)![1]!;
      const signature = /<ds:Signature[\s\S]*<\/ds:Signature>/.exec(genuine)![0];
      const forged = genuine
        .replace(
          signature,
          signature.replace(
            '</ds:Signature>',
            `<ds:Object>${genuine.replace(signature, '')}</ds:Object></ds:Signature>`,
          ),
        )
        .replace(SEED_MATRICULES.famillePere, ADULT);
      expect(forged.split(`ID="${id}"`).length).toBe(3);
      await expectFault(td02(platform, gp, ADULT, { rawVihf: forged }), 'VIHF_SIGNATURE_DETOURNEE');
    });

    it('refuses a VIHF without a required attribute', async () => {
      await expectFault(
        td02(platform, gp, ADULT, { edit: withoutAttribute('Secteur_Activite') }),
        'VIHF_ATTRIBUT_MANQUANT',
      );
      await expectFault(
        td02(platform, gp, ADULT, { edit: withoutAttribute('LPS_ID_HOMOLOGATION_DMP') }),
        'VIHF_ATTRIBUT_MANQUANT',
      );
    });

    it('refuses a VIHF issued ten minutes away from the platform clock, and says so', async () => {
      const skewed = await td02(platform, gp, ADULT, {
        claims: { issueInstant: new Date(Date.now() - 10 * 60 * 1000) },
      });
      expect(faultCode(skewed)).toBe('VIHF_HORS_DELAI');
      expect(skewed.body).toMatch(/écarte de -60\d s de l/);
      expect(skewed.body).toMatch(/<erreur xmlns="urn:si-dmp:erreur" code="VIHF_HORS_DELAI" ecart="-60\d">/);
    });

    it('refuses a VIHF used after the end of its validity window', async () => {
      const issueInstant = new Date(Date.now() - 4 * 60 * 1000);
      const window = (end: Date) => (xml: string) =>
        xml.replace(
          '</saml2:Subject>',
          `</saml2:Subject><saml2:Conditions NotBefore="${issueInstant.toISOString()}" NotOnOrAfter="${end.toISOString()}"/>`,
        );
      await expectFault(
        td02(platform, gp, ADULT, { claims: { issueInstant }, edit: window(new Date(Date.now() - 6 * 60 * 1000)) }),
        'VIHF_HORS_DELAI',
      );
      expect(
        (await td02(platform, gp, ADULT, { claims: { issueInstant }, edit: window(new Date(Date.now() + 60_000)) }))
          .status,
      ).toBe(200);
    });

    it('refuses a VIHF for another patient than the query', async () => {
      await expectFault(
        td02(platform, gp, ADULT, {
          claims: { patient: { matricule: SEED_MATRICULES.corse, oid: '1.2.250.1.213.1.4.10' } },
        }),
        'VIHF_PATIENT_DIFFERENT',
      );
    });

    it('refuses an unknown access mode', async () => {
      await expectFault(
        td02(platform, gp, ADULT, { edit: (xml) => xml.replace('code="normal"', 'code="curiosite"') }),
        'VIHF_MODE_ACCES',
      );
    });

    it('refuses DIRECTE with an organisation certificate, and INDIRECTE with a card', async () => {
      const chu = establishment(platform, '750000019', 'SEC0001');
      await expectFault(td02(platform, chu, ADULT, { claims: { authMode: 'DIRECTE' } }), 'VIHF_MODE_AUTHENTIFICATION');
      await expectFault(td02(platform, gp, ADULT, { claims: { authMode: 'INDIRECTE' } }), 'VIHF_MODE_AUTHENTIFICATION');
    });

    it('refuses a card VIHF that names another professional than the card', async () => {
      await expectFault(
        td02(platform, gp, ADULT, { claims: { actor: SEED_PROFESSIONALS.pedicure } }),
        'VIHF_ACTEUR_DIFFERENT',
      );
    });

    it('refuses a VIHF signed by a certificate outside the test PKI', async () => {
      await expectFault(
        td02(platform, gp, ADULT, { signer: pemSigner(foreignCard('signature')) }),
        'VIHF_CERTIFICAT_NON_RECONNU',
      );
    });

    it('refuses a call without a VIHF', async () => {
      expect(faultCode(await soapPost(platform, gp, SERVICE_PATHS.patients, TD02_ACTION, td02Query(ADULT)))).toBe(
        'VIHF_ABSENT',
      );
    });
  });

  describe('hostile and malformed requests', () => {
    const post = (body: string, contentType = 'application/soap+xml') =>
      httpsRequest(platform.port, platform.pki.rootPem, {
        path: SERVICE_PATHS.patients,
        headers: { 'Content-Type': contentType },
        body,
        client: gp.tls,
      });
    const envelope = (action: string, bodyXml: string) =>
      buildSoapEnvelope({ action, to: SERVICE_PATHS.patients, bodyXml });

    it('refuses malformed SOAP with a fault, and keeps serving', async () => {
      for (const body of [
        '<not-xml',
        '<Envelope/>',
        `<soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope"><soap:Body/></soap:Envelope>`,
      ]) {
        const answer = await post(body);
        expect([answer.status, faultCode(answer)]).toEqual([500, 'REQUETE_MALFORMEE']);
      }
      expect(faultCode(await post(envelope(TD02_ACTION, td02Query(ADULT)), 'text/xml'))).toBe('REQUETE_MALFORMEE');
      const misaddressed = await td02(platform, gp, ADULT, {}, (query) =>
        query.replace('root="1.2.250.1.213.4.1.1.1"', 'root="1.2.3"'),
      );
      expect(faultCode(misaddressed)).toBe('REQUETE_MALFORMEE');
      expect((await td02(platform, gp, ADULT)).status).toBe(200);
    });

    it('refuses XXE and entity bombs without expanding them', async () => {
      const xxe = `<?xml version="1.0"?><!DOCTYPE e [<!ENTITY x SYSTEM "file:///etc/passwd">]><soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope"><soap:Body><a>&x;</a></soap:Body></soap:Envelope>`;
      const levels = Array.from(
        { length: 9 },
        (_, i) => `<!ENTITY ${'b'.repeat(i + 1)} "${`&${i === 0 ? 'a' : 'b'.repeat(i)};`.repeat(10)}">`,
      ).join('');
      const bomb = `<?xml version="1.0"?><!DOCTYPE b [<!ENTITY a "aaaaaaaaaa">${levels}]><soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope"><soap:Body><a>&bbbbbbbbb;</a></soap:Body></soap:Envelope>`;
      for (const body of [xxe, bomb]) {
        const answer = await post(body);
        expect(faultCode(answer)).toBe('XML_INTERDIT');
        expect(answer.body).not.toContain('root:');
        expect(answer.body.length).toBeLessThan(2000);
      }
      expect((await td02(platform, gp, ADULT)).status).toBe(200);
    });

    it('refuses a request larger than it reads, without keeping it', async () => {
      const huge = envelope(TD02_ACTION, `<big>${'x'.repeat(21 * 1024 * 1024)}</big>`);
      const answer = await post(huge);
      expect([answer.status, faultCode(answer)]).toEqual([403, 'REQUETE_MALFORMEE']);
      expect((await td02(platform, gp, ADULT)).status).toBe(200);
    });

    it('answers an unknown action and an unknown path with their own faults', async () => {
      const other = envelope('urn:inconnue', td02Query(ADULT));
      expect(faultCode(await post(other))).toBe('ACTION_INCONNUE');
      const lost = await httpsRequest(platform.port, platform.pki.rootPem, {
        path: '/si-dmp-server/v2/services/nulle-part',
        body: other,
        client: gp.tls,
      });
      expect([lost.status, faultCode(lost)]).toEqual([404, 'SERVICE_INCONNU']);
    });

    it('checks the VIHF of a search or a retrieve first, then refuses a body that is no query as XDS does', async () => {
      expect(
        faultCode(await soapPost(platform, gp, SERVICE_PATHS.registry, XDS_ACTIONS.registryStoredQuery, '<q/>')),
      ).toBe('VIHF_ABSENT');
      expect(
        faultCode(await soapPost(platform, gp, SERVICE_PATHS.repository, XDS_ACTIONS.retrieveDocumentSet, '<q/>')),
      ).toBe('VIHF_ABSENT');
      const securityXml = await vihfFor(gp, SEED_MATRICULES.famillePere);
      const search = await soapPost(platform, gp, SERVICE_PATHS.registry, XDS_ACTIONS.registryStoredQuery, '<q/>', {
        securityXml,
      });
      expect([search.status, faultCode(search)]).toEqual([200, undefined]);
      expect(search.body).toContain('errorCode="XDSRegistryMetadataError"');
      const retrieve = await soapPost(platform, gp, SERVICE_PATHS.repository, XDS_ACTIONS.retrieveDocumentSet, '<q/>', {
        securityXml,
      });
      expect(retrieve.headers['content-type']).toMatch(/^multipart\/related/);
      expect(retrieve.body).toContain('errorCode="XDSRegistryMetadataError"');
    });
  });

  describe('audit trail', () => {
    it('detects tampering with the stored trail', async () => {
      await td02(platform, gp, ADULT);
      expect(platform.audit.verify().intact).toBe(true);
      const file = openPlatformDatabase(join(platform.dataDir, 'platform', 'platform.sqlite'));
      file.prepare("UPDATE audit SET actor = '899700100099' WHERE action = 'TD0.2'").run();
      file.close();
      expect(platform.audit.verify()).toMatchObject({ intact: false });
    });
  });

  describe('fault injection', () => {
    it('answers 503, drops, garbles and delays as told by the harness', async () => {
      const before = platform.faults.injected;
      platform.faults.set([{ kind: 'unavailable', count: 1 }]);
      expect((await td02(platform, gp, ADULT)).status).toBe(503);
      platform.faults.set([{ kind: 'drop', count: 1 }]);
      await expect(td02(platform, gp, ADULT)).rejects.toThrow();
      platform.faults.set([{ kind: 'malformed', count: 1 }]);
      const garbled = await td02(platform, gp, ADULT);
      expect(garbled.status).toBe(200);
      expect(() => faultCode(garbled)).toThrow();
      platform.faults.set([{ kind: 'latency', delayMs: 300, count: 1 }]);
      const started = Date.now();
      expect((await td02(platform, gp, ADULT)).status).toBe(200);
      expect(Date.now() - started).toBeGreaterThanOrEqual(300);
      expect((await td02(platform, gp, ADULT)).status).toBe(200);
      expect(platform.faults.injected - before).toBe(4);
    });

    it('cannot be switched on by a request', async () => {
      const before = platform.faults.injected;
      const path = SERVICE_PATHS.patients;
      const answer = await httpsRequest(platform.port, platform.pki.rootPem, {
        path: `${path}?faults=503%232`,
        headers: { 'Content-Type': 'application/soap+xml', 'X-Faults': '503#2', 'X-Fault-Injection': 'drop' },
        body: buildSoapEnvelope({
          action: TD02_ACTION,
          to: path,
          bodyXml: td02Query(ADULT),
          securityXml: await vihfFor(gp, ADULT),
          extraHeadersXml: '<faults>503#2</faults>',
        }),
        client: gp.tls,
      });
      expect(answer.status).toBe(200);
      expect(platform.faults.active).toBe(false);
      expect((await td02(platform, gp, ADULT)).status).toBe(200);
      expect(platform.faults.injected).toBe(before);
    });
  });
});

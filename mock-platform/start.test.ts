import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { loadOrCreateTestPki } from '../native-bridge/emulator/pki/index.js';
import { SEED_MATRICULES, SEED_PROFESSIONALS } from './seed/seed-data.js';
import { DMP_SERVICE_PATHS } from './services/dmp-paths.js';
import { TD02_ACTION } from './services/td02-messages.js';
import { openPlatformDatabase } from './store/database.js';
import {
  authorizationStatus,
  cardHolder,
  dmpCall,
  faultCode,
  recordStatus,
  td02,
  td03,
  type TestProfessional,
} from './test-support/dmp-caller.js';
import { httpsRequest, type RawAnswer } from './test-support/https-client.js';
import { td02Body, testEnvelope } from './test-support/soap-messages.js';
import { signedTestVihf } from './test-support/vihf-for-tests.js';
import { startTestPlatform, type TestPlatform } from './testing.js';

const GP = SEED_PROFESSIONALS.generaliste;
const PODIATRIST = SEED_PROFESSIONALS.pedicure;

describe('the mock platform', () => {
  let platform: TestPlatform;
  let gp: TestProfessional;
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

  describe('mutual TLS', () => {
    it('refuses a card certificate from another CA', async () => {
      const foreign = loadOrCreateTestPki(foreignDir).issuePerson({ nationalId: GP, lastName: 'X', firstName: 'Y', usage: 'authentication' });
      const before = platform.audit.list().length;
      await expect(
        httpsRequest(platform.port, platform.pki.rootPem, {
          path: DMP_SERVICE_PATHS.patients,
          headers: { 'Content-Type': 'application/soap+xml' },
          body: td02Body(SEED_MATRICULES.adulte),
          client: foreign,
        }),
      ).rejects.toThrow();
      expect(platform.audit.list().length).toBe(before);
    });

    it('refuses a DMP call without a client certificate, before reading it', async () => {
      const answer = await httpsRequest(platform.port, platform.pki.rootPem, {
        path: DMP_SERVICE_PATHS.patients,
        headers: { 'Content-Type': 'application/soap+xml' },
        body: td02Body(SEED_MATRICULES.adulte),
      });
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
      const first = await td02(platform, gp, SEED_MATRICULES.adulte);
      expect(first.status).toBe(200);
      expect(recordStatus(first)).toBe('ACTIF');
      expect(authorizationStatus(first)).toBe('NON_EXISTE');

      const declared = await td03(platform, gp, SEED_MATRICULES.adulte, 'AJOUT');
      expect(declared.status).toBe(200);
      expect(declared.body).toContain('<status>OK</status><context>VALIDE</context>');

      const second = await td02(platform, gp, SEED_MATRICULES.adulte);
      expect(authorizationStatus(second)).toBe('VALIDE');
      expect(second.body).toContain('<dmp:medecinTraitant>false</dmp:medecinTraitant>');

      const trail = platform.audit.list({ patient: SEED_MATRICULES.adulte });
      expect(trail.slice(-3).map((e) => [e.action, e.actor, e.authMode, e.accessMode, e.outcome])).toEqual([
        ['TD0.2', GP, 'DIRECTE', 'normal', 'OK'],
        ['TD0.3', GP, 'DIRECTE', 'normal', 'OK'],
        ['TD0.2', GP, 'DIRECTE', 'normal', 'OK'],
      ]);
      expect(platform.outbox.forPatient(SEED_MATRICULES.adulte)).toEqual([
        expect.objectContaining({ kind: 'autorisation', actor: GP }),
      ]);
      expect(platform.audit.verify()).toMatchObject({ intact: true });
    });

    it('declares and gives up the médecin traitant role', async () => {
      await td03(platform, gp, SEED_MATRICULES.adulte, 'AJOUT', true);
      expect((await td02(platform, gp, SEED_MATRICULES.adulte)).body).toContain('<dmp:medecinTraitant>true</dmp:medecinTraitant>');
      await td03(platform, gp, SEED_MATRICULES.adulte, 'SUPPRESSION', true);
      const after = await td02(platform, gp, SEED_MATRICULES.adulte);
      expect(after.body).toContain('<dmp:medecinTraitant>false</dmp:medecinTraitant>');
      expect(authorizationStatus(after)).toBe('VALIDE');
      await td03(platform, gp, SEED_MATRICULES.adulte, 'SUPPRESSION');
      expect(authorizationStatus(await td02(platform, gp, SEED_MATRICULES.adulte))).toBe('NON_EXISTE');
      expect(faultCode(await td03(platform, gp, SEED_MATRICULES.adulte, 'SUPPRESSION'))).toBe('AUTORISATION_INEXISTANTE');
    });

    it('reports an expired authorization as EXPIRE', async () => {
      expect(authorizationStatus(await td02(platform, gp, SEED_MATRICULES.corse))).toBe('EXPIRE');
      expect(authorizationStatus(await td02(platform, gp, SEED_MATRICULES.famillePere))).toBe('VALIDE');
    });

    it('answers a closed record with its closure, and refuses consent on it', async () => {
      const answer = await td02(platform, gp, SEED_MATRICULES.dossierFerme);
      expect(recordStatus(answer)).toBe('FERME');
      expect(answer.body).toMatch(/dateFermeture="2025-06-30T10:00:00.000Z" motifFermeture="DEMANDE_PATIENT">Fermeture à la demande du titulaire</);
      const consent = await td03(platform, gp, SEED_MATRICULES.dossierFerme, 'AJOUT');
      expect(consent.status).toBe(500);
      expect(faultCode(consent)).toBe('DMP_FERME');
    });

    it('answers an opposed patient as having no record, without his identity', async () => {
      const answer = await td02(platform, gp, SEED_MATRICULES.opposant);
      expect(recordStatus(answer)).toBe('INEXISTANT');
      expect(answer.body).toContain('<queryResponseCode code="NF"/>');
      expect(answer.body).not.toContain('REFUS-FICTIF');
      expect(faultCode(await td03(platform, gp, SEED_MATRICULES.opposant, 'AJOUT'))).toBe('DMP_INEXISTANT');
    });

    it('answers INTERDIT to a professional the patient blocked, whatever he declares', async () => {
      const podiatrist = cardHolder(platform, PODIATRIST, '80');
      expect(authorizationStatus(await td02(platform, podiatrist, SEED_MATRICULES.adulte))).toBe('INTERDIT');
      expect(faultCode(await td03(platform, podiatrist, SEED_MATRICULES.adulte, 'AJOUT'))).toBe('PS_BLOQUE');
      platform.store.grant(SEED_MATRICULES.adulte, PODIATRIST, '2026-01-01T00:00:00.000Z', '2099-01-01T00:00:00.000Z');
      expect(authorizationStatus(await td02(platform, podiatrist, SEED_MATRICULES.adulte))).toBe('INTERDIT');
    });

    it('refuses break-glass and centre 15 to a patient who opposed them, and notifies the others', async () => {
      expect(faultCode(await td02(platform, gp, SEED_MATRICULES.opposeBrisDeGlace, { accessMode: 'bris_de_glace' }))).toBe('BRIS_DE_GLACE_REFUSE');
      expect(faultCode(await td02(platform, gp, SEED_MATRICULES.opposeBrisDeGlace, { accessMode: 'centre_15' }))).toBe('CENTRE_15_REFUSE');
      const granted = await td02(platform, gp, SEED_MATRICULES.inconscient, { accessMode: 'bris_de_glace' });
      expect(granted.status).toBe(200);
      expect(platform.outbox.forPatient(SEED_MATRICULES.inconscient)).toEqual([expect.objectContaining({ kind: 'bris_de_glace', actor: GP })]);
      expect(platform.audit.list().at(-1)).toMatchObject({ action: 'TD0.2', accessMode: 'bris_de_glace', outcome: 'OK' });
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
      const vihf = signedTestVihf({ ...gp.vihf, issueInstant: new Date(), patient: SEED_MATRICULES.adulte }).replace('TEST Praticien', 'AUTRE Praticien');
      await expectFault(dmpCall(platform, gp, { service: 'patients', body: td02Body(SEED_MATRICULES.adulte), rawVihf: vihf }), 'VIHF_SIGNATURE_INVALIDE');
    });

    it('refuses a wrapped signature: the verified assertion hidden, another one presented', async () => {
      const genuine = signedTestVihf({ ...gp.vihf, issueInstant: new Date(), patient: SEED_MATRICULES.famillePere });
      const id = /ID="([^"]+)"/.exec(genuine)![1]!;
      const signature = /<ds:Signature[\s\S]*<\/ds:Signature>/.exec(genuine)![0];
      const forged = genuine
        .replace(signature, signature.replace('</ds:Signature>', `<ds:Object>${genuine.replace(signature, '')}</ds:Object></ds:Signature>`))
        .replace(SEED_MATRICULES.famillePere, SEED_MATRICULES.adulte);
      expect(forged.split(`ID="${id}"`).length).toBe(3);
      await expectFault(dmpCall(platform, gp, { service: 'patients', body: td02Body(SEED_MATRICULES.adulte), rawVihf: forged }), 'VIHF_SIGNATURE_DETOURNEE');
    });

    it('refuses a VIHF without a required attribute', async () => {
      await expectFault(td02(platform, gp, SEED_MATRICULES.adulte, { omit: ['Secteur_Activite'] }), 'VIHF_ATTRIBUT_MANQUANT');
    });

    it('refuses a VIHF issued ten minutes away from the platform clock', async () => {
      const skewed = await td02(platform, gp, SEED_MATRICULES.adulte, { issueInstant: new Date(Date.now() - 10 * 60 * 1000) });
      expect(faultCode(skewed)).toBe('VIHF_HORS_DELAI');
      expect(skewed.body).toMatch(/écarte de -60\d s de l/);
    });

    it('refuses a VIHF used after the end of its validity window', async () => {
      const issueInstant = new Date(Date.now() - 4 * 60 * 1000);
      await expectFault(td02(platform, gp, SEED_MATRICULES.adulte, { issueInstant, notOnOrAfter: new Date(Date.now() - 6 * 60 * 1000) }), 'VIHF_HORS_DELAI');
      expect((await td02(platform, gp, SEED_MATRICULES.adulte, { issueInstant, notOnOrAfter: new Date(Date.now() + 60_000) })).status).toBe(200);
    });

    it('refuses a VIHF for another patient than the query', async () => {
      await expectFault(td02(platform, gp, SEED_MATRICULES.adulte, { patient: SEED_MATRICULES.corse }), 'VIHF_PATIENT_DIFFERENT');
    });

    it('refuses an unknown access mode', async () => {
      await expectFault(td02(platform, gp, SEED_MATRICULES.adulte, { accessMode: 'curiosite' }), 'VIHF_MODE_ACCES');
    });

    it('refuses DIRECTE with an organisation certificate, and INDIRECTE with a card', async () => {
      const org = platform.pki.issueOrganisation({ finess: '750000019', name: 'CHU Fictif de Paris', usage: 'authentication' });
      const seal = platform.pki.issueOrganisation({ finess: '750000019', name: 'CHU Fictif de Paris', usage: 'signature' });
      const establishment: TestProfessional = { tls: org, vihf: { ...gp.vihf, signer: seal, authMode: 'DIRECTE', structure: '1750000019' } };
      await expectFault(td02(platform, establishment, SEED_MATRICULES.adulte), 'VIHF_MODE_AUTHENTIFICATION');
      await expectFault(td02(platform, gp, SEED_MATRICULES.adulte, { authMode: 'INDIRECTE' }), 'VIHF_MODE_AUTHENTIFICATION');
      const indirect = await td02(platform, { ...establishment, vihf: { ...establishment.vihf, authMode: 'INDIRECTE', actor: 'SEC0001' } }, SEED_MATRICULES.adulte);
      expect(indirect.status).toBe(200);
    });

    it('refuses a VIHF signed by a certificate outside the test PKI', async () => {
      const foreign = loadOrCreateTestPki(foreignDir).issuePerson({ nationalId: GP, lastName: 'X', firstName: 'Y', usage: 'signature' });
      await expectFault(td02(platform, gp, SEED_MATRICULES.adulte, { signer: foreign }), 'VIHF_CERTIFICAT_NON_RECONNU');
    });

    it('refuses a call without a VIHF', async () => {
      const path = DMP_SERVICE_PATHS.patients;
      const answer = await httpsRequest(platform.port, platform.pki.rootPem, {
        path,
        headers: { 'Content-Type': 'application/soap+xml' },
        body: testEnvelope(TD02_ACTION, path, td02Body(SEED_MATRICULES.adulte)),
        client: gp.tls,
      });
      expect(faultCode(answer)).toBe('VIHF_ABSENT');
    });
  });

  describe('hostile and malformed requests', () => {
    const post = (body: string, contentType = 'application/soap+xml') =>
      httpsRequest(platform.port, platform.pki.rootPem, { path: DMP_SERVICE_PATHS.patients, headers: { 'Content-Type': contentType }, body, client: gp.tls });

    it('refuses malformed SOAP with a fault, and keeps serving', async () => {
      for (const body of ['<not-xml', '<Envelope/>', `<soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope"><soap:Body/></soap:Envelope>`]) {
        const answer = await post(body);
        expect(answer.status).toBe(500);
        expect(faultCode(answer)).toBe('REQUETE_MALFORMEE');
      }
      expect(faultCode(await post(testEnvelope(TD02_ACTION, '', td02Body(SEED_MATRICULES.adulte)), 'text/xml'))).toBe('REQUETE_MALFORMEE');
      expect((await td02(platform, gp, SEED_MATRICULES.adulte)).status).toBe(200);
    });

    it('refuses XXE and entity bombs without expanding them', async () => {
      const xxe = `<?xml version="1.0"?><!DOCTYPE e [<!ENTITY x SYSTEM "file:///etc/passwd">]><soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope"><soap:Body><a>&x;</a></soap:Body></soap:Envelope>`;
      const bomb = `<?xml version="1.0"?><!DOCTYPE b [<!ENTITY a "aaaaaaaaaa">${Array.from({ length: 9 }, (_, i) => `<!ENTITY ${'b'.repeat(i + 1)} "${`&${i === 0 ? 'a' : 'b'.repeat(i)};`.repeat(10)}">`).join('')}]><soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope"><soap:Body><a>&bbbbbbbbb;</a></soap:Body></soap:Envelope>`;
      for (const body of [xxe, bomb]) {
        const answer = await post(body);
        expect(faultCode(answer)).toBe('XML_INTERDIT');
        expect(answer.body).not.toContain('root:');
        expect(answer.body.length).toBeLessThan(2000);
      }
    });

    it('answers an unknown action and an unknown path with their own faults', async () => {
      const other = testEnvelope('urn:inconnue', '', td02Body(SEED_MATRICULES.adulte));
      expect(faultCode(await post(other))).toBe('ACTION_INCONNUE');
      const lost = await httpsRequest(platform.port, platform.pki.rootPem, { path: '/si-dmp-server/v2/services/nulle-part', body: other, client: gp.tls });
      expect([lost.status, faultCode(lost)]).toEqual([404, 'SERVICE_INCONNU']);
    });

    it('answers the registry and the repository with a clear "not yet available"', async () => {
      for (const [path, action] of [
        [DMP_SERVICE_PATHS.registry, 'urn:ihe:iti:2007:RegistryStoredQuery'],
        [DMP_SERVICE_PATHS.repository, 'urn:ihe:iti:2007:RetrieveDocumentSet'],
      ] as const) {
        const answer = await httpsRequest(platform.port, platform.pki.rootPem, {
          path,
          headers: { 'Content-Type': 'application/soap+xml' },
          body: testEnvelope(action, path, '<q/>'),
          client: gp.tls,
        });
        expect(faultCode(answer)).toBe('SERVICE_NON_DISPONIBLE');
      }
    });
  });

  describe('audit trail', () => {
    it('detects tampering with the stored trail', async () => {
      await td02(platform, gp, SEED_MATRICULES.adulte);
      expect(platform.audit.verify().intact).toBe(true);
      const file = openPlatformDatabase(join(platform.dataDir, 'platform', 'platform.sqlite'));
      file.prepare("UPDATE audit SET actor = '899700100099' WHERE action = 'TD0.2'").run();
      file.close();
      expect(platform.audit.verify()).toMatchObject({ intact: false });
    });
  });

  describe('fault injection', () => {
    it('answers 503, drops, garbles and delays as told by the harness', async () => {
      platform.faults.set([{ kind: 'unavailable', count: 1 }]);
      expect((await td02(platform, gp, SEED_MATRICULES.adulte)).status).toBe(503);
      platform.faults.set([{ kind: 'drop', count: 1 }]);
      await expect(td02(platform, gp, SEED_MATRICULES.adulte)).rejects.toThrow();
      platform.faults.set([{ kind: 'malformed', count: 1 }]);
      const garbled = await td02(platform, gp, SEED_MATRICULES.adulte);
      expect(garbled.status).toBe(200);
      expect(garbled.body).not.toContain('</soap:Envelope>');
      platform.faults.set([{ kind: 'latency', delayMs: 300, count: 1 }]);
      const started = Date.now();
      expect((await td02(platform, gp, SEED_MATRICULES.adulte)).status).toBe(200);
      expect(Date.now() - started).toBeGreaterThanOrEqual(300);
      expect((await td02(platform, gp, SEED_MATRICULES.adulte)).status).toBe(200);
      expect(platform.faults.injected).toBe(4);
    });

    it('cannot be switched on by a request', async () => {
      const injectedBefore = platform.faults.injected;
      const path = DMP_SERVICE_PATHS.patients;
      const vihf = signedTestVihf({ ...gp.vihf, issueInstant: new Date(), patient: SEED_MATRICULES.adulte });
      const answer = await httpsRequest(platform.port, platform.pki.rootPem, {
        path: `${path}?faults=503%232`,
        headers: { 'Content-Type': 'application/soap+xml', 'X-Faults': '503#2', 'X-Fault-Injection': 'drop' },
        body: testEnvelope(TD02_ACTION, path, td02Body(SEED_MATRICULES.adulte), { vihf, extraHeaders: '<faults>503#2</faults>' }),
        client: gp.tls,
      });
      expect(answer.status).toBe(200);
      expect(platform.faults.active).toBe(false);
      expect((await td02(platform, gp, SEED_MATRICULES.adulte)).status).toBe(200);
      expect(platform.faults.injected).toBe(injectedBefore);
    });
  });
});

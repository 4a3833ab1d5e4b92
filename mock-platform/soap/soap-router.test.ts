import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { buildSoapEnvelope, readSoapReply } from '../../interop/soap/envelope.js';
import { loadOrCreateTestPki, type TestPki } from '../../interop/test-pki/index.js';
import { AuditLog } from '../audit/audit-log.js';
import { openPlatformDatabase, type PlatformDatabase } from '../store/database.js';
import type { TrustedCertificate } from '../trust/trust-anchors.js';
import { PlatformFault } from './platform-fault.js';
import { SoapRouter } from './soap-router.js';
import type { SoapService } from './soap-service.js';

/** A service written for this test: it echoes, refuses, or breaks, depending on the action. */
const echo: SoapService = {
  path: '/echo',
  name: 'echo',
  faultDetail: (fault) => `<detail code="${fault.code}"/>`,
  operations: [
    {
      action: 'urn:echo',
      auditName: 'echo',
      handle: (call) => ({ action: 'urn:echoResponse', bodyXml: `<echoed>${call.request.payload.localName}</echoed>` }),
    },
    {
      action: 'urn:refuse',
      auditName: 'refuse',
      handle: () => {
        throw new PlatformFault('PS_BLOQUE');
      },
    },
    {
      action: 'urn:break',
      auditName: 'break',
      handle: () => {
        throw new TypeError('cannot read properties of undefined (patient DUPONT)');
      },
    },
  ],
};

describe('the SOAP router', () => {
  let pkiDir: string;
  let dir: string;
  let db: PlatformDatabase;
  let audit: AuditLog;
  let pki: TestPki;
  let caller: TrustedCertificate;
  let internal: unknown[];
  let router: SoapRouter;

  beforeAll(() => {
    pkiDir = mkdtempSync(join(tmpdir(), 'mock-router-pki-'));
    pki = loadOrCreateTestPki(pkiDir);
  });
  afterAll(() => rmSync(pkiDir, { recursive: true, force: true }));

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mock-router-'));
    db = openPlatformDatabase(join(dir, 'platform.sqlite'));
    audit = new AuditLog(db, Buffer.alloc(32, 1), () => new Date('2026-03-01T10:00:00Z'));
    const card = pki.issuePerson({
      nationalId: '899700100017',
      lastName: 'T',
      firstName: 'P',
      usage: 'authentication',
    });
    caller = { family: 'persons', certificate: new X509Certificate(card.certificatePem), commonName: '899700100017' };
    internal = [];
    router = new SoapRouter(
      [echo],
      audit,
      () => 'urn:uuid:answer',
      (error) => internal.push(error),
    );
  });

  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const call = (action: string, contentType = 'application/soap+xml') =>
    router.handle(
      '/echo',
      contentType,
      buildSoapEnvelope({ action, to: '/echo', bodyXml: '<ping/>', messageId: 'urn:uuid:question' }),
      caller,
    );

  it('routes by path and action, addresses the answer back, and audits the call', async () => {
    const answer = await call('urn:echo');
    expect(answer.status).toBe(200);
    expect(answer.body).toContain('<wsa:Action>urn:echoResponse</wsa:Action>');
    expect(answer.body).toContain('<wsa:RelatesTo>urn:uuid:question</wsa:RelatesTo>');
    expect(answer.body).toContain('<echoed>ping</echoed>');
    expect(audit.list().at(-1)).toMatchObject({ actor: '899700100017', action: 'echo', outcome: 'OK' });
  });

  it('answers a refusal as a fault in the service vocabulary', async () => {
    const answer = await call('urn:refuse');
    const reply = readSoapReply(answer.body, 'test');
    expect(answer.status).toBe(500);
    expect(reply.kind === 'fault' && [reply.fault.soapCode, reply.fault.code]).toEqual(['soap:Sender', 'PS_BLOQUE']);
    expect(answer.body).toContain('<detail code="PS_BLOQUE"/>');
    expect(answer.body).toContain('<wsa:RelatesTo>urn:uuid:question</wsa:RelatesTo>');
    expect(audit.list().at(-1)).toMatchObject({ action: 'refuse', outcome: 'PS_BLOQUE' });
  });

  it('turns its own bugs into ERREUR_INTERNE without leaking their message, and reports them', async () => {
    const answer = await call('urn:break');
    expect(answer.body).toContain('ERREUR_INTERNE');
    expect(answer.body).not.toContain('DUPONT');
    expect(internal).toHaveLength(1);
    expect(audit.list().at(-1)).toMatchObject({ action: 'break', outcome: 'ERREUR_INTERNE' });
  });

  it('refuses an action the service does not offer, and a Content-Type that contradicts wsa:Action', async () => {
    expect((await call('urn:other')).body).toContain('ACTION_INCONNUE');
    expect((await call('urn:echo', 'application/soap+xml; action="urn:refuse"')).body).toContain('REQUETE_MALFORMEE');
    expect((await call('urn:echo', 'application/soap+xml; action="urn:echo"')).status).toBe(200);
  });

  it("commits an answer's writes with its audit entry, which records what they decided; neither when they fail", async () => {
    db.exec('CREATE TABLE filed (what TEXT)');
    const file = (what: string): void => void db.prepare('INSERT INTO filed (what) VALUES (?)').run(what);
    const filing: SoapService = {
      path: '/filing',
      name: 'filing',
      faultDetail: () => '',
      operations: [
        {
          action: 'urn:file',
          auditName: 'file',
          handle: () => ({
            commit: () => {
              file('lettre');
              return { action: 'urn:fileResponse', bodyXml: '<filed/>', audit: { action: 'file.renvoi' } };
            },
          }),
        },
        {
          action: 'urn:file-break',
          auditName: 'file',
          handle: () => ({
            commit: () => {
              file('brouillon');
              throw new TypeError('disk full');
            },
          }),
        },
      ],
    };
    const filingRouter = new SoapRouter(
      [filing],
      audit,
      () => 'urn:uuid:answer',
      (error) => internal.push(error),
    );
    const send = (action: string) =>
      filingRouter.handle(
        '/filing',
        'application/soap+xml',
        buildSoapEnvelope({ action, to: '/filing', bodyXml: '<ping/>', messageId: 'urn:uuid:question' }),
        caller,
      );
    const filed = (): unknown[] => db.prepare('SELECT what FROM filed').pluck().all();

    expect((await send('urn:file')).body).toContain('<filed/>');
    expect(filed()).toEqual(['lettre']);
    expect(audit.list().at(-1)).toMatchObject({ action: 'file.renvoi', outcome: 'OK' });

    const before = audit.list().length;
    expect((await send('urn:file-break')).body).toContain('ERREUR_INTERNE');
    expect(filed()).toEqual(['lettre']);
    expect(audit.list()).toHaveLength(before + 1);
    expect(audit.list().at(-1)).toMatchObject({ action: 'file', outcome: 'ERREUR_INTERNE' });
    expect(audit.verify()).toEqual({ intact: true, entries: before + 1 });
  });
});

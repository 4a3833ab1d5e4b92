import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';

import type { Certificate, Event } from 'electron';
import { app } from 'electron';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

import { loadOrCreateTestPki, type TestPki } from '../../interop/test-pki/index.js';
import { installCardCertificateSelection } from './client-certificate.js';
import { desktopPlatformAtLogin, DesktopPlatformTransport } from './platform-transport.js';
import { electronMock, resetElectronMock, type FakeClientRequest } from './testing/electron-mock.js';

vi.mock('electron', () => import('./testing/electron-mock.js'));

const BASE = 'https://localhost:7443';
const SOAP = 'application/soap+xml; charset=utf-8';
let dir: string;
let pki: TestPki;
let card: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'passerelle-desktop-transport-'));
  pki = loadOrCreateTestPki(join(dir, 'pki'));
  card = pki.issuePerson({
    nationalId: '899700100017',
    lastName: 'LUMIERE-TEST',
    firstName: 'CLAIRE',
    usage: 'authentication',
  }).certificatePem;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeEach(() => resetElectronMock());

function transport(options: { timeoutMs?: number; maxReplyBytes?: number } = {}): DesktopPlatformTransport {
  return new DesktopPlatformTransport({ baseUrl: `${BASE}/`, trustPem: [pki.rootPem], ...options });
}

/** Answers every `net` request this way. */
function answer(with_: (request: FakeClientRequest) => void): void {
  electronMock.netResponder = with_;
}

const envelope = { path: '/si-dmp-server/v2/services/patients', contentType: SOAP, body: '<Envelope/>' };

describe('the desktop transport to the platform', () => {
  it('posts on a session of its own and hands back status, content type, body and the platform’s clock', async () => {
    answer((request) =>
      request.respond(200, { 'content-type': [SOAP], date: ['Sat, 05 Dec 2026 14:11:05 GMT'] }, [
        Buffer.from('<Envelope>'),
        Buffer.from('</Envelope>'),
      ]),
    );
    const reply = await transport().post({ ...envelope, headers: { 'X-Trace': 'abc' } });
    expect(reply).toEqual({
      status: 200,
      contentType: SOAP,
      body: Buffer.from('<Envelope></Envelope>'),
      date: new Date('2026-12-05T14:11:05Z'),
    });
    const [sent] = electronMock.netRequests;
    const [platformSession] = electronMock.sessions;
    expect(sent?.options).toMatchObject({
      method: 'POST',
      url: `${BASE}/si-dmp-server/v2/services/patients`,
      session: platformSession,
      redirect: 'manual',
    });
    // No credentials mode given: Electron sends the client certificate and keeps cookies out.
    expect(sent?.options).not.toHaveProperty('credentials');
    expect(sent?.headers).toEqual({ 'content-type': SOAP, 'x-trace': 'abc' });
    expect(sent?.body.toString()).toBe('<Envelope/>');
    expect(platformSession?.partition).toMatch(/^passerelle-platform-/);
    expect(platformSession?.proxy).toEqual({ mode: 'direct' });
  });

  it('judges the platform’s server certificate against Passerelle’s anchors, not the system’s', () => {
    transport();
    const verify = electronMock.sessions[0]?.certificateVerifyProc;
    const verdicts: number[] = [];
    const certificate = {
      data: pki.platformServer.certificatePem,
      issuerCert: { data: pki.organisationsCaPem },
    } as Certificate;
    verify?.({ hostname: 'localhost', certificate }, (verdict: number) => verdicts.push(verdict));
    verify?.({ hostname: 'localhost', certificate: { data: pki.platformServer.certificatePem } }, (verdict: number) =>
      verdicts.push(verdict),
    );
    expect(verdicts).toEqual([0, -202]);
  });

  it('opens a partition per card session, so that Chromium’s remembered certificate ends with it', () => {
    transport();
    transport();
    const [first, second] = electronMock.sessions;
    expect(first?.partition).not.toBe(second?.partition);
  });

  it('sends a streamed body (MTOM) whole', async () => {
    answer((request) => request.respond(200, { 'content-type': 'multipart/related' }, []));
    await transport().post({
      path: '/si-dmp-server/v2/services/repository',
      contentType: 'multipart/related',
      body: Readable.from([Buffer.from('part 1,'), Buffer.from('part 2')]),
      contentLength: 13,
    });
    expect(electronMock.netRequests[0]?.body.toString()).toBe('part 1,part 2');
  });

  it.each([
    ['net::ERR_CONNECTION_REFUSED', 'PLATFORM_UNREACHABLE'],
    ['net::ERR_NAME_NOT_RESOLVED', 'PLATFORM_UNREACHABLE'],
    ['net::ERR_CONNECTION_RESET', 'PLATFORM_UNREACHABLE'],
    ['net::ERR_CONNECTION_TIMED_OUT', 'PLATFORM_TIMEOUT'],
    ['net::ERR_CERT_AUTHORITY_INVALID', 'PLATFORM_TLS_REFUSED'],
    ['net::ERR_CERT_COMMON_NAME_INVALID', 'PLATFORM_TLS_REFUSED'],
    ['net::ERR_BAD_SSL_CLIENT_AUTH_CERT', 'PLATFORM_TLS_REFUSED'],
    ['net::ERR_SSL_CLIENT_AUTH_CERT_NEEDED', 'PLATFORM_TLS_REFUSED'],
    ['net::ERR_SSL_PROTOCOL_ERROR', 'PLATFORM_TLS_REFUSED'],
  ])('reports Chromium’s %s as %s', async (netError, code) => {
    answer((request) => request.fail(netError));
    await expect(transport().post(envelope)).rejects.toMatchObject({
      code,
      details: expect.objectContaining({ url: BASE }) as unknown,
    });
  });

  it('reports the platform’s 502, 503 and 504 as PLATFORM_UNAVAILABLE, as the command line does', async () => {
    for (const status of [502, 503, 504]) {
      answer((request) => request.respond(status, { 'content-type': 'text/plain' }, [Buffer.from('busy')]));
      await expect(transport().post(envelope)).rejects.toMatchObject({
        code: 'PLATFORM_UNAVAILABLE',
        details: { status },
      });
    }
  });

  it('refuses a redirect and sends nothing to where it points', async () => {
    answer((request) => request.redirect(302, 'https://elsewhere.example/collect'));
    await expect(transport().post(envelope)).rejects.toMatchObject({
      code: 'PLATFORM_BAD_REPLY',
      details: { reason: 'HTTP 302, redirect refused' },
    });
    expect(electronMock.netRequests).toHaveLength(1);
    expect(electronMock.netRequests[0]?.aborted).toBe(true);
  });

  it('refuses a reply larger than its limit and stops reading it', async () => {
    const chunks = Array.from({ length: 10 }, () => Buffer.alloc(400, 'x'));
    answer((request) => request.respond(200, { 'content-type': SOAP }, chunks));
    await expect(transport({ maxReplyBytes: 1000 }).post(envelope)).rejects.toMatchObject({
      code: 'PLATFORM_BAD_REPLY',
      details: { reason: 'reply too large' },
    });
    expect(electronMock.netRequests[0]?.aborted).toBe(true);
  });

  it('gives up on a platform that does not answer, and cancels the request', async () => {
    await expect(transport({ timeoutMs: 20 }).post(envelope)).rejects.toMatchObject({
      code: 'PLATFORM_TIMEOUT',
      details: { seconds: 0.02 },
    });
    expect(electronMock.netRequests[0]?.aborted).toBe(true);
  });
});

describe('the desktop’s login hook for the platform', () => {
  /** Chromium asking the platform's server for a certificate among `certificates`; the one chosen. */
  function chromiumAsks(certificates: readonly string[]): string | undefined {
    let chosen: string | undefined;
    const event = { preventDefault: () => {} } as unknown as Event;
    const list = certificates.map((data) => ({ data }) as Certificate);
    app.emit('select-client-certificate', event, null, 'localhost:7443', list, (certificate?: Certificate) => {
      chosen = certificate?.data;
    });
    return chosen;
  }

  it('holds the card’s certificate for Chromium until the card session ends, without the PIN', async () => {
    const selection = installCardCertificateSelection(app, { platformUrl: BASE, log: () => {} });
    const atLogin = desktopPlatformAtLogin(selection, { baseUrl: BASE, trustPem: [pki.rootPem] });
    const access = { label: 'CPS-GENERALISTE', certificatePem: card, keyUri: 'pkcs11:object=x', pin: '1234' };
    const link = await atLogin(access);
    expect(link.transport.baseUrl).toBe(BASE);
    expect(chromiumAsks([pki.vitaleIssuerPem, card])).toBe(card);
    link.close();
    expect(chromiumAsks([pki.vitaleIssuerPem, card])).toBeUndefined();
    expect(electronMock.sessions[0]?.connectionsClosed).toBe(1);
  });

  it('says the card’s certificate was not offered, instead of the failure its absence causes', async () => {
    const selection = installCardCertificateSelection(app, { platformUrl: BASE, log: () => {} });
    const link = await desktopPlatformAtLogin(selection, { baseUrl: BASE, trustPem: [pki.rootPem] })({
      label: 'CPS-GENERALISTE',
      certificatePem: card,
    });
    // A real platform ends the handshake; the mock answers a SOAP fault: either way, the certificate is why.
    answer((request) => {
      chromiumAsks([pki.vitaleIssuerPem]);
      request.fail('net::ERR_BAD_SSL_CLIENT_AUTH_CERT');
    });
    await expect(link.transport.post(envelope)).rejects.toMatchObject({ code: 'CARD_CERTIFICATE_NOT_OFFERED' });
    answer((request) => {
      chromiumAsks([pki.vitaleIssuerPem]);
      request.respond(403, { 'content-type': SOAP }, [Buffer.from('<Fault>CERTIFICAT_ABSENT</Fault>')]);
    });
    await expect(link.transport.post(envelope)).rejects.toMatchObject({ code: 'CARD_CERTIFICATE_NOT_OFFERED' });
    answer((request) => request.respond(200, { 'content-type': SOAP }, [Buffer.from('<Envelope/>')]));
    await expect(link.transport.post(envelope)).resolves.toMatchObject({ status: 200 });
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Certificate, Event } from 'electron';
import { app } from 'electron';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

import { loadOrCreateTestPki, type TestPki } from '../../interop/test-pki/index.js';
import { installCardCertificateSelection, type CardCertificateSelection } from './client-certificate.js';
import { resetElectronMock } from './testing/electron-mock.js';

vi.mock('electron', () => import('./testing/electron-mock.js'));

const PLATFORM = 'https://localhost:7443';
let dir: string;
let pki: TestPki;
/** The GP's card: its authentication and signature certificates; and another doctor's authentication one. */
let authentication: string;
let signature: string;
let colleague: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'passerelle-client-cert-'));
  pki = loadOrCreateTestPki(join(dir, 'pki'));
  const person = { nationalId: '899700100017', lastName: 'LUMIERE-TEST', firstName: 'CLAIRE' };
  authentication = pki.issuePerson({ ...person, usage: 'authentication' }).certificatePem;
  signature = pki.issuePerson({ ...person, usage: 'signature' }).certificatePem;
  colleague = pki.issuePerson({
    nationalId: '899700100025',
    lastName: 'SECOURS-TEST',
    firstName: 'MARC',
    usage: 'authentication',
  }).certificatePem;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Electron's Certificate as the selection reads it: the PEM in `data`. */
function offered(pem: string): Certificate {
  return { data: pem, subjectName: 'offered', issuerName: 'offered' } as Certificate;
}

/** Chromium asking `url` for a certificate among `certificates`; what the handler did. */
function ask(url: string, certificates: readonly string[]): { chosen: string | undefined; prevented: boolean } {
  let prevented = false;
  const answers: (Certificate | undefined)[] = [];
  const event = { preventDefault: () => (prevented = true) } as unknown as Event;
  app.emit('select-client-certificate', event, null, url, certificates.map(offered), (certificate?: Certificate) =>
    answers.push(certificate),
  );
  expect(answers).toHaveLength(1);
  return { chosen: answers[0]?.data, prevented };
}

let selection: CardCertificateSelection;
const log: string[] = [];
beforeEach(() => {
  resetElectronMock();
  log.length = 0;
  selection = installCardCertificateSelection(app, { platformUrl: PLATFORM, log: (line) => log.push(line) });
});

describe('the card certificate selection', () => {
  it('gives the platform the logged-in card’s authentication certificate, found among several, never the first', () => {
    selection.hold({ label: 'CPS-GENERALISTE', certificatePem: authentication });
    const answer = ask('localhost:7443', [colleague, signature, authentication]);
    expect(answer).toEqual({ chosen: authentication, prevented: true });
    expect(selection.takeRefusal()).toBeUndefined();
  });

  it('gives no certificate to another server, and prevents Electron’s own choice of the first one', () => {
    selection.hold({ label: 'CPS-GENERALISTE', certificatePem: authentication });
    expect(ask('evil.example:443', [authentication])).toEqual({ chosen: undefined, prevented: true });
    expect(ask('localhost:8443', [authentication])).toEqual({ chosen: undefined, prevented: true });
    expect(selection.takeRefusal()).toBeUndefined();
  });

  it('sends none when the card’s certificate is not offered, and says why once, as a typed error', () => {
    selection.hold({ label: 'CPS-GENERALISTE', certificatePem: authentication });
    expect(ask('localhost:7443', [colleague, signature])).toEqual({ chosen: undefined, prevented: true });
    const refusal = selection.takeRefusal();
    expect(refusal).toMatchObject({
      code: 'CARD_CERTIFICATE_NOT_OFFERED',
      details: { label: 'CPS-GENERALISTE', host: 'localhost:7443' },
    });
    expect(refusal?.messageIn('en')).toContain("registered in the user's NSS database");
    expect(selection.takeRefusal()).toBeUndefined();
    expect(log.join('\n')).toContain('CARD_CERTIFICATE_NOT_OFFERED');
  });

  it('sends none when no card is logged in, or once the card’s session released it', () => {
    expect(ask('localhost:7443', [authentication])).toEqual({ chosen: undefined, prevented: true });
    const held = selection.hold({ label: 'CPS-GENERALISTE', certificatePem: authentication });
    held.release();
    expect(ask('localhost:7443', [authentication]).chosen).toBeUndefined();
    expect(selection.takeRefusal()).toBeUndefined();
  });

  it('holds one card at a time: a card logged in later replaces the first, whose release changes nothing', () => {
    const first = selection.hold({ label: 'CPS-URGENTISTE', certificatePem: colleague });
    selection.hold({ label: 'CPS-GENERALISTE', certificatePem: authentication });
    first.release();
    expect(ask('localhost:7443', [colleague, authentication]).chosen).toBe(authentication);
  });

  it('knows the platform by host and port, in whichever form Chromium names it', () => {
    selection.hold({ label: 'CPS-GENERALISTE', certificatePem: authentication });
    expect(ask('https://LOCALHOST:7443/si-dmp-server', [authentication]).chosen).toBe(authentication);
    const defaultPort = installCardCertificateSelection(app, { platformUrl: 'https://dmp.example', log: () => {} });
    defaultPort.hold({ label: 'CPS-GENERALISTE', certificatePem: authentication });
    selection.dispose();
    expect(ask('dmp.example:443', [authentication]).chosen).toBe(authentication);
  });

  it('stops answering once disposed', () => {
    selection.dispose();
    expect(app.listenerCount('select-client-certificate')).toBe(0);
  });
});

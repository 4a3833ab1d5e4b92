import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { SignedXml } from 'xml-crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

import { TD02_ACTION } from '../../interop/hl7v3/td02.js';
import { buildSoapEnvelope } from '../../interop/soap/envelope.js';
import { loadOrCreateTestPki, type TestPki } from '../../interop/test-pki/index.js';
import { SEED_MATRICULES, SEED_PROFESSIONALS } from '../seed/seed-data.js';
import { readSoapRequest } from '../soap/envelope.js';
import type { PlatformFault } from '../soap/platform-fault.js';
import { emptyTrace } from '../soap/soap-router.js';
import type { SoapCall } from '../soap/soap-service.js';
import { cardHolder, vihfFor, type TestCaller } from '../test-support/dmp-caller.js';
import type { TestPlatform } from '../testing.js';
import { TrustAnchors } from '../trust/trust-anchors.js';
import { MAX_SKEW_MS, VERIFIED_ASSERTIONS_KEPT, VihfGuard } from './vihf-guard.js';

const ADULT = SEED_MATRICULES.adulte;
const MINUTE = 60 * 1000;

describe('the VIHF guard', () => {
  let dir: string;
  let pki: TestPki;
  let trust: TrustAnchors;
  let gp: TestCaller;
  let podiatrist: TestCaller;
  let clock: number;
  let guard: VihfGuard;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'vihf-guard-'));
    pki = loadOrCreateTestPki(dir);
    trust = new TrustAnchors(pki);
    const platform = { pki } as Pick<TestPlatform, 'pki'> as TestPlatform;
    gp = cardHolder(platform, SEED_PROFESSIONALS.generaliste);
    podiatrist = cardHolder(platform, SEED_PROFESSIONALS.pedicure);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  afterEach(() => vi.restoreAllMocks());

  const freshGuard = (): void => {
    clock = Date.now();
    guard = new VihfGuard(trust, () => new Date(clock));
  };

  /** A TD0.2 call carrying `vihf`, over the TLS certificate of `caller`. */
  const call = (caller: TestCaller, vihf: string, extraHeadersXml = ''): SoapCall => ({
    request: readSoapRequest(
      buildSoapEnvelope({
        action: TD02_ACTION,
        to: 'https://dmp.invalid/patients',
        bodyXml: '<q/>',
        securityXml: vihf,
        extraHeadersXml,
      }),
    ),
    caller: trust.classify(new X509Certificate(caller.tls.certificatePem), new Date())!,
    trace: emptyTrace(undefined),
    attachments: new Map(),
  });

  const refusal = (attempt: () => unknown): string => {
    try {
      attempt();
    } catch (error) {
      return (error as PlatformFault).code;
    }
    return 'admitted';
  };

  const signatureChecks = () => vi.spyOn(SignedXml.prototype, 'checkSignature');

  it('checks a VIHF signature once while the assertion stays the same, and every other rule on each call', async () => {
    freshGuard();
    const checks = signatureChecks();
    const vihf = await vihfFor(gp, ADULT);
    expect(guard.admit(call(gp, vihf)).actor).toBe(SEED_PROFESSIONALS.generaliste);
    expect(guard.admit(call(gp, vihf)).patient?.matricule).toBe(ADULT);
    expect(checks).toHaveBeenCalledTimes(1);
    // Replayed over another card's connection, the remembered assertion is refused as on its first call.
    expect(refusal(() => guard.admit(call(podiatrist, vihf)))).toBe('VIHF_ACTEUR_DIFFERENT');
  });

  it('answers a re-spelled copy of a VIHF it admitted with the claims read the first time, checking times again', async () => {
    freshGuard();
    const checks = signatureChecks();
    const vihf = await vihfFor(gp, ADULT);
    const first = guard.admit(call(gp, vihf));
    // The same tree written with other quotes: the same assertion, not checked again.
    const respelled = vihf.replace(/="([^"]*)"/g, "='$1'");
    expect(respelled).not.toBe(vihf);
    expect(guard.admit(call(gp, respelled))).toEqual(first);
    expect(checks).toHaveBeenCalledTimes(1);
    clock += MAX_SKEW_MS + MINUTE;
    expect(refusal(() => guard.admit(call(gp, respelled)))).toBe('VIHF_HORS_DELAI');
  });

  it('refuses a tampered copy of a VIHF it admitted, checking it in full', async () => {
    freshGuard();
    const vihf = await vihfFor(gp, ADULT);
    guard.admit(call(gp, vihf));
    const checks = signatureChecks();
    expect(refusal(() => guard.admit(call(gp, vihf.replace('TEST Praticien', 'AUTRE Praticien'))))).toBe(
      'VIHF_SIGNATURE_INVALIDE',
    );
    expect(refusal(() => guard.admit(call(gp, vihf.replace(ADULT, SEED_MATRICULES.famillePere))))).toBe(
      'VIHF_SIGNATURE_INVALIDE',
    );
    const value = /<ds:SignatureValue>([^<]+)</.exec(vihf)![1]!;
    const flipped = `${value.slice(0, 10)}${value[10] === 'A' ? 'B' : 'A'}${value.slice(11)}`;
    expect(refusal(() => guard.admit(call(gp, vihf.replace(value, flipped))))).toBe('VIHF_SIGNATURE_INVALIDE');
    expect(checks).toHaveBeenCalledTimes(3);
  });

  it('refuses a VIHF it admitted when another element of the message bears its ID (signature wrapping)', async () => {
    freshGuard();
    const vihf = await vihfFor(gp, ADULT);
    guard.admit(call(gp, vihf));
    const id = /ID="([^"]+)"/.exec(vihf)![1]!;
    const wrapped = call(gp, vihf, `<x:Copie xmlns:x="urn:x" x:Id="${id}"/>`);
    expect(refusal(() => guard.admit(wrapped))).toBe('VIHF_SIGNATURE_DETOURNEE');
  });

  it('refuses a VIHF it admitted once the end of its validity window has passed', async () => {
    freshGuard();
    // A window that closed three minutes ago: still within the tolerated skew, for two more minutes.
    const end = new Date(clock - 3 * MINUTE);
    const start = new Date(clock - 4 * MINUTE);
    const vihf = await vihfFor(gp, ADULT, {
      edit: (xml) =>
        xml.replace(
          '</saml2:Subject>',
          `</saml2:Subject><saml2:Conditions NotBefore="${start.toISOString()}" NotOnOrAfter="${end.toISOString()}"/>`,
        ),
    });
    guard.admit(call(gp, vihf));
    clock = end.getTime() + MAX_SKEW_MS - 1000;
    expect(refusal(() => guard.admit(call(gp, vihf)))).toBe('admitted');
    const checks = signatureChecks();
    clock = end.getTime() + MAX_SKEW_MS;
    expect(refusal(() => guard.admit(call(gp, vihf)))).toBe('VIHF_HORS_DELAI');
    expect(checks).toHaveBeenCalledTimes(1);
  });

  it('refuses a VIHF it admitted once its issue instant is too far behind the clock', async () => {
    freshGuard();
    const vihf = await vihfFor(gp, ADULT);
    guard.admit(call(gp, vihf));
    clock += MAX_SKEW_MS + MINUTE;
    expect(refusal(() => guard.admit(call(gp, vihf)))).toBe('VIHF_HORS_DELAI');
  });

  it('refuses a VIHF it admitted once its signing certificate has expired', async () => {
    freshGuard();
    const vihf = await vihfFor(gp, ADULT);
    guard.admit(call(gp, vihf));
    const signer = new X509Certificate(gp.signer.certificatePem);
    clock = Date.parse(signer.validTo) + 1000;
    expect(refusal(() => guard.admit(call(gp, vihf)))).toBe('VIHF_CERTIFICAT_NON_RECONNU');
  });

  it(
    `remembers at most ${VERIFIED_ASSERTIONS_KEPT} assertions, forgetting the least recently used`,
    { timeout: 120_000 },
    async () => {
      freshGuard();
      const first = await vihfFor(gp, ADULT);
      const second = await vihfFor(gp, ADULT, { claims: { subjectName: 'TEST Praticien 2' } });
      guard.admit(call(gp, first));
      guard.admit(call(gp, second));
      for (let i = 0; i < VERIFIED_ASSERTIONS_KEPT - 1; i += 1) {
        // The first one used again: the second is now the least recently used.
        if (i === 0) guard.admit(call(gp, first));
        guard.admit(call(gp, await vihfFor(gp, ADULT, { claims: { subjectName: `TEST Praticien ${i + 3}` } })));
      }
      const checks = signatureChecks();
      guard.admit(call(gp, first));
      expect(checks).toHaveBeenCalledTimes(0);
      guard.admit(call(gp, second));
      expect(checks).toHaveBeenCalledTimes(1);
    },
  );
});

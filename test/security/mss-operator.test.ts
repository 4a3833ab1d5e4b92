import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { MSS_HEADERS, patientMailAddress } from '../../interop/mssante/addresses.js';
import { loadOrCreateTestPki } from '../../interop/test-pki/index.js';
import { SEED_MATRICULES, SEED_PROFESSIONALS } from '../../mock-platform/seed/seed-data.js';
import { smtpReply } from '../../mock-platform/test-support/smtp-reply.js';
import { startTestPlatform, type TestPlatform } from '../../mock-platform/testing.js';

/**
 * Attacks on the mock MSSanté operator's submission: a certificate from another PKI, no certificate, a card
 * writing as someone else (envelope or From header), a patient's address as the sender, plaintext before
 * STARTTLS, TLS below 1.2, and a forged token. Each is refused and delivers nothing.
 */
const ADULT = SEED_MATRICULES.adulte;
const GP = 'claire.lumiere-test@test.mssante.fr';
const COLLEAGUE = 'helene.salpetre-test@test.mssante.fr';
let platform: TestPlatform;
let card: { cert: string; key: string };
let forged: { cert: string; key: string };

beforeAll(async () => {
  platform = await startTestPlatform({
    // A token verifier standing in for the platform's Pro Santé Connect introspection.
    mssante: { verifyAccessToken: (token) => Promise.resolve(token === 'jeton-valide' ? '899700100033' : undefined) },
  });
  const issued = platform.pki.issuePerson({
    nationalId: SEED_PROFESSIONALS.generaliste,
    lastName: 'LUMIERE-TEST',
    firstName: 'CLAIRE',
    usage: 'authentication',
  });
  card = { cert: issued.certificatePem, key: issued.privateKeyPem };
  // The same subject from a PKI the operator does not trust.
  const other = loadOrCreateTestPki(join(mkdtempSync(join(tmpdir(), 'passerelle-other-pki-')), 'pki')).issuePerson({
    nationalId: SEED_PROFESSIONALS.generaliste,
    lastName: 'LUMIERE-TEST',
    firstName: 'CLAIRE',
    usage: 'authentication',
  });
  forged = { cert: other.certificatePem, key: other.privateKeyPem };
}, 120_000);
afterAll(async () => platform.dispose());

type TransportOptions = Parameters<typeof nodemailer.createTransport>[0] & object;

function send(tls: Record<string, unknown>, mail: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) {
  return nodemailer
    .createTransport({
      host: 'localhost',
      port: platform.mssante.smtpPort,
      secure: false,
      requireTLS: true,
      tls: { ca: [platform.pki.rootPem], ...tls },
      ...extra,
    } as TransportOptions)
    .sendMail({
      from: GP,
      to: patientMailAddress(ADULT),
      subject: 'Attaque',
      text: 'x',
      headers: { [MSS_HEADERS.nil]: 'NIL', [MSS_HEADERS.ins]: 'O' },
      ...mail,
    });
}

const delivered = () => platform.mssante.patients.view(ADULT).messages.length;

describe('attacks on the MSSanté operator', { timeout: 60_000 }, () => {
  it('refuses a client certificate from another PKI, even with the right national id', async () => {
    expect(await smtpReply(send(forged))).toMatch(/^535 CERTIFICAT_NON_RECONNU/);
    expect(delivered()).toBe(0);
  });

  it('refuses a message without any authentication after STARTTLS', async () => {
    expect(await smtpReply(send({}))).toMatch(/^530 AUTHENTIFICATION_REQUISE/);
  });

  it('refuses mail before STARTTLS', async () => {
    expect(await smtpReply(send(card, {}, { requireTLS: false, ignoreTLS: true }))).toMatch(/^530 /);
  });

  it('refuses TLS below 1.2', async () => {
    const failure = await send({ ...card, maxVersion: 'TLSv1.1', minVersion: 'TLSv1' }).then(
      () => undefined,
      (error: unknown) => error as { code?: string; message?: string },
    );
    expect(failure?.message).toMatch(/protocol|version/i);
    expect(delivered()).toBe(0);
  });

  it('refuses a card writing under a colleague’s address, in the envelope or in the From header', async () => {
    expect(await smtpReply(send(card, { from: COLLEAGUE }))).toMatch(/^550 EXPEDITEUR_USURPE/);
    expect(
      await smtpReply(send(card, { from: COLLEAGUE, envelope: { from: GP, to: patientMailAddress(ADULT) } })),
    ).toMatch(/^550 EXPEDITEUR_USURPE/);
    expect(delivered()).toBe(0);
  });

  it('refuses a patient’s address as the sender: a patient never writes by SMTP, nor first', async () => {
    expect(
      await smtpReply(send(card, { from: patientMailAddress(SEED_MATRICULES.famillePere), to: COLLEAGUE })),
    ).toMatch(/^550 EXPEDITEUR_USURPE/);
    expect(platform.mssante.mailboxes.list(COLLEAGUE)).toHaveLength(0);
  });

  it('takes a token the verifier accepts for its holder’s mailbox only (SASL XOAUTH2)', async () => {
    const xoauth = (user: string, accessToken: string) => ({ auth: { type: 'OAuth2', user, accessToken } });
    expect(await smtpReply(send({}, { from: GP }, xoauth(GP, 'jeton-forge')))).toMatch(/^535 JETON_INVALIDE/);
    expect(await smtpReply(send({}, { from: GP }, xoauth(GP, 'jeton-valide')))).toMatch(/^535 JETON_INVALIDE/);
    expect(delivered()).toBe(0);
    const sent = (await send({}, { from: COLLEAGUE }, xoauth(COLLEAGUE, 'jeton-valide'))) as { accepted: string[] };
    expect(sent.accepted).toEqual([patientMailAddress(ADULT)]);
    expect(delivered()).toBe(1);
  });
});

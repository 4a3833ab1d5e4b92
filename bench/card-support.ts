/**
 * What the benchmarks that reach an emulated card's keys directly share: a card provisioned alone in a home
 * of its own, and a bare PKCS#11 signature on one of its keys (no bridge), the baseline the bridge is compared
 * with and the floor's signature.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { CAST, TEST_PIN } from '../native-bridge/emulator/cast.js';
import { openEmulatedCards, type EmulatedCards } from '../native-bridge/emulator/emulated-cards.js';
import { provisionCast } from '../native-bridge/emulator/provision.js';
import { pkcs11js, type PKCS11 } from '../native-bridge/pkcs11/pkcs11js.js';
import { withPkcs11Api } from '../native-bridge/pkcs11/test-support/pkcs11-calls.js';

/** About the size of a submission set's (or a VIHF's) canonical SignedInfo; the token hashes it, so the size matters little. */
export const SIGNED_INFO = Buffer.alloc(1024, 'SignedInfo ');

/**
 * Runs `act` with the card `label` of the cast provisioned alone into a temporary home (no emulator.json: the
 * emulator's fast timings, no slow-card delays), its cards opened, and the PKCS#11 interface they load.
 */
export async function withLoneCard<T>(
  label: string,
  act: (cards: EmulatedCards, api: PKCS11) => Promise<T>,
): Promise<T> {
  const home = await mkdtemp(join(tmpdir(), 'passerelle-bench-card-'));
  try {
    provisionCast(
      home,
      CAST.filter((card) => card.label === label),
    );
    const { opened: cards, api } = withPkcs11Api(() => openEmulatedCards(home));
    try {
      return await act(cards, api);
    } finally {
      cards.close();
    }
  } finally {
    await rm(home, { recursive: true, force: true });
  }
}

/** The private key labelled `label` as `session` sees it. */
export function findPrivateKey(api: PKCS11, session: Buffer, label: string): Buffer {
  api.C_FindObjectsInit(session, [
    { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PRIVATE_KEY },
    { type: pkcs11js.CKA_LABEL, value: label },
  ]);
  const [key] = api.C_FindObjects(session, 1);
  api.C_FindObjectsFinal(session);
  if (!key) throw new Error(`no private key ${label}`);
  return key;
}

/** A bare `C_SignInit` + `C_Sign` (RSA, SHA-256) of `data` with `key` on `session`. */
export function bareSigner(api: PKCS11, session: Buffer, key: Buffer, data: Buffer): () => Buffer {
  const out = Buffer.alloc(1024);
  return () => {
    api.C_SignInit(session, { mechanism: pkcs11js.CKM_SHA256_RSA_PKCS }, key);
    return api.C_Sign(session, data, out);
  };
}

/** A bare signature of {@link SIGNED_INFO} with `keyLabel` on the token labelled `tokenLabel`, on a session of its own, logged in. */
export function bareCardSignature(api: PKCS11, tokenLabel: string, keyLabel: string): () => Buffer {
  const slot = api.C_GetSlotList(true).find((s) => api.C_GetTokenInfo(s).label.trim() === tokenLabel);
  if (slot === undefined) throw new Error(`no token ${tokenLabel}`);
  const session = api.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION);
  try {
    api.C_Login(session, pkcs11js.CKU_USER, TEST_PIN);
  } catch (error) {
    // The card service's own login already holds the token's user login.
    if ((error as { code?: number }).code !== pkcs11js.CKR_USER_ALREADY_LOGGED_IN) throw error;
  }
  return bareSigner(api, session, findPrivateKey(api, session, keyLabel), SIGNED_INFO);
}

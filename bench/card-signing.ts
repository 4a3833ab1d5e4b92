/**
 * Card signatures through the bridge (CardService login, then CardSession.signature.signSha256) beside a
 * bare pkcs11js C_SignInit + C_Sign loop with CKM_SHA256_RSA_PKCS on the same SoftHSM2 token, key, session
 * and data, in the same run; printed as a ratio (goal ≤ 1.2×). Also prints the PKCS#11 calls a login makes
 * (goal ≤ 20) and those of one signature, each side: on a real card every call is an APDU exchange, so they
 * cost more there than SoftHSM2 lets the timings show (a CPS takes about a second per signature).
 *
 *   node --import tsx bench/card-signing.ts
 *
 * The card is provisioned into a temporary home with no emulator.json, so the emulator's default fast
 * timings apply (no slow-card delays).
 */

import { KEY_LABELS } from '../native-bridge/cards/card-data.js';
import { TEST_PIN } from '../native-bridge/emulator/cast.js';
import { Pkcs11CallCounter } from '../native-bridge/pkcs11/test-support/pkcs11-calls.js';
import { bareSigner, findPrivateKey, SIGNED_INFO, withLoneCard } from './card-support.js';
import { isEntryPoint, percentile } from './support.js';

const LABEL = 'CPS-GENERALISTE';
const SIGNATURES = Number(process.env.BENCH_SIGNATURES ?? 2000);
/** Both sides alternate in rounds, so that a slower stretch of the machine weighs on each alike. */
const ROUNDS = 10;
const WARM_UP = 50;
const RATIO_GOAL = 1.2;
const LOGIN_CALLS_GOAL = 20;

function milliseconds(since: bigint): number {
  return Number(process.hrtime.bigint() - since) / 1e6;
}

function describe(name: string, sorted: readonly number[]): string {
  const mean = sorted.reduce((sum, t) => sum + t, 0) / sorted.length;
  return `  ${name.padEnd(16)} p50 ${percentile(sorted, 50).toFixed(3)} ms, p99 ${percentile(sorted, 99).toFixed(3)} ms, mean ${mean.toFixed(3)} ms`;
}

export async function run(): Promise<void> {
  if (!Number.isInteger(SIGNATURES) || SIGNATURES < ROUNDS)
    throw new Error(`BENCH_SIGNATURES must be an integer ≥ ${ROUNDS}`);
  await withLoneCard(LABEL, async (cards, api) => {
    cards.insert(LABEL);
    const counter = new Pkcs11CallCounter(api);
    counter.start();
    const card = await cards.service.login(LABEL, TEST_PIN);
    const perLogin = counter.stop();
    const loginBreakdown = counter.breakdown();
    const [session] = counter.sessions;
    if (!session) throw new Error('the login opened no PKCS#11 session');

    // The baseline signs on the very session the login opened, with the key it finds once.
    const bareSign = bareSigner(api, session, findPrivateKey(api, session, KEY_LABELS.cpsSignature), SIGNED_INFO);

    // RSASSA-PKCS1-v1_5 is deterministic: equal signatures prove both sides use the same key on the same data.
    counter.start();
    const ours = await card.signature.signSha256(SIGNED_INFO);
    const perBridgeSignature = counter.stop();
    const bridgeSignatureBreakdown = counter.breakdown();
    counter.start();
    const bare = Buffer.from(bareSign());
    const perBareSignature = counter.stop();
    if (!Buffer.from(ours).equals(bare)) throw new Error('the bridge and the bare loop made different signatures');

    for (let i = 0; i < WARM_UP; i += 1) {
      await card.signature.signSha256(SIGNED_INFO);
      bareSign();
    }
    const bridgeTimes: number[] = [];
    const bareTimes: number[] = [];
    const perRound = Math.ceil(SIGNATURES / ROUNDS);
    for (let round = 0; round < ROUNDS; round += 1) {
      for (let i = 0; i < perRound; i += 1) {
        const start = process.hrtime.bigint();
        await card.signature.signSha256(SIGNED_INFO);
        bridgeTimes.push(milliseconds(start));
      }
      for (let i = 0; i < perRound; i += 1) {
        const start = process.hrtime.bigint();
        bareSign();
        bareTimes.push(milliseconds(start));
      }
    }
    bridgeTimes.sort((a, b) => a - b);
    bareTimes.sort((a, b) => a - b);
    const ratio = percentile(bridgeTimes, 50) / percentile(bareTimes, 50);

    console.log(`Card signing, ${LABEL} on SoftHSM2 (RSA-2048, SHA-256), ${bridgeTimes.length} signatures each side`);
    console.log(describe('Passerelle', bridgeTimes));
    console.log(describe('bare C_Sign', bareTimes));
    console.log(`  ratio p50 ${ratio.toFixed(2)}× ${ratio <= RATIO_GOAL ? '≤' : '>'} ${RATIO_GOAL}× goal`);
    console.log(
      `  PKCS#11 calls per signature: Passerelle ${perBridgeSignature} (${bridgeSignatureBreakdown}), bare ${perBareSignature}`,
    );
    console.log(
      `  PKCS#11 calls per login: ${perLogin} ${perLogin <= LOGIN_CALLS_GOAL ? '≤' : '>'} ${LOGIN_CALLS_GOAL} goal (${loginBreakdown})`,
    );
    card.logout();
  });
}

if (isEntryPoint(import.meta.url)) await run();

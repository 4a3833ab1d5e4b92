/**
 * The platform's latency as the professional lives it (issue 21): from "Vitale inserted" to "documents listed",
 * through the core as the window drives it — the contract calls the renderer makes (`patient.vitale`, then
 * `patient.identify`, `record.status`, then the documents panel's `document.types` and `document.search`), in
 * process through `main/core/router` — against the real mock over mutual TLS with its latency fault adding the
 * same delay to every request: 0, 300 ms and 3 s. The time is printed as a multiple of the latency (goal ≤
 * 3 × latency + 300 ms), with the requests the client sent and how many of them were waited for one after the
 * other (a request sent while another is awaited shares its wait), and the longest stall of this process's
 * event loop during the flow.
 *
 *   node --import tsx bench/consult-latency.ts
 *
 * The patient is VITALE-ADULTE (one beneficiary: the window asks INSi as soon as the card is read), whose record
 * the GP CPS-GENERALISTE (emulated card, SoftHSM2) was authorized to consult once, before timing. Three visits
 * per latency: the first one (her copy of the record forgotten before), a later one with nothing new, and a
 * later one after two documents were filed by another professional. The card is pulled out and inserted again
 * before each, with the latency off. The window's own rendering is not in the figure (no browser here):
 * `bench/consult-window.ts` measures it in Chromium.
 *
 * BENCH_LATENCIES (comma-separated milliseconds, default `0,300,3000`) changes the latencies.
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';

import { createCore, type Core } from '../main/core/router/create-core.js';
import { openEmulatedStation, type EmulatedStation } from '../main/core/workstation/test-support/emulated-station.js';
import { SEED_MATRICULES, SEED_PROFESSIONALS } from '../mock-platform/seed/seed-data.js';
import { file } from '../mock-platform/test-support/consult-caller.js';
import { cardHolder } from '../mock-platform/test-support/dmp-caller.js';
import { startTestPlatform, type TestPlatform } from '../mock-platform/testing.js';
import { provisionCast, TEST_PIN } from '../native-bridge/index.js';
import { isEntryPoint } from './support.js';

const LATENCIES = (process.env.BENCH_LATENCIES ?? '0,300,3000').split(',').map((ms) => Number(ms.trim()));
const GOAL_FACTOR = 3;
const GOAL_MARGIN_MS = 300;
const CARD = 'CPS-GENERALISTE';
const VITALE = 'VITALE-ADULTE';
const PATIENT = SEED_MATRICULES.adulte;

/**
 * The platform requests this process's client sends (Node's HTTP client diagnostics channels), and how many
 * waits they cost one after the other: a request sent while another is awaited shares its wait.
 */
class ClientCalls {
  requests = 0;
  waits = 0;
  private inFlight = 0;
  private readonly onStart = (): void => {
    this.requests += 1;
    if (this.inFlight === 0) this.waits += 1;
    this.inFlight += 1;
  };
  private readonly onFinish = (): void => {
    this.inFlight -= 1;
  };
  constructor() {
    subscribe('http.client.request.start', this.onStart);
    subscribe('http.client.response.finish', this.onFinish);
  }
  close(): void {
    unsubscribe('http.client.request.start', this.onStart);
    unsubscribe('http.client.response.finish', this.onFinish);
  }
}

interface Visit {
  readonly label: string;
  readonly ms: number;
  readonly requests: number;
  readonly waits: number;
  readonly documents: number;
  readonly mode: string;
  readonly stallMs: number;
}

/** The window's calls, from the card read to the list, as the renderer makes them (vitale-step, documents-panel). */
async function windowFlow(core: Core): Promise<{ documents: number; mode: string }> {
  const { beneficiaries } = await core.invoke('patient.vitale', {});
  const only = beneficiaries[0];
  if (beneficiaries.length !== 1 || !only) throw new Error(`${VITALE} should hold one beneficiary`);
  await core.invoke('patient.identify', { beneficiary: only.index });
  const status = await core.invoke('record.status', {});
  if (status.record.authorization !== 'VALIDE') throw new Error(`not authorized: ${status.record.authorization}`);
  // The documents panel mounts with the record shown: it asks the types and the list together.
  const [, answer] = await Promise.all([
    core.invoke('document.types', {}),
    core.invoke('document.search', { newOnly: false, includeArchived: false, groupBy: 'class' }),
  ]);
  return { documents: answer.documents.length, mode: answer.mode };
}

async function timedVisit(
  label: string,
  latencyMs: number,
  platform: TestPlatform,
  station: EmulatedStation,
  core: Core,
  calls: ClientCalls,
): Promise<Visit> {
  await station.deck.emulator!.remove(VITALE);
  platform.faults.set(latencyMs > 0 ? [{ kind: 'latency', delayMs: latencyMs }] : []);
  const loop = monitorEventLoopDelay({ resolution: 10 });
  try {
    const requests = calls.requests;
    const waits = calls.waits;
    loop.enable();
    const start = process.hrtime.bigint();
    await station.deck.emulator!.insert(VITALE);
    const { documents, mode } = await windowFlow(core);
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    loop.disable();
    return {
      label,
      ms,
      requests: calls.requests - requests,
      waits: calls.waits - waits,
      documents,
      mode,
      stallMs: loop.max / 1e6,
    };
  } finally {
    platform.faults.clear();
  }
}

export async function run(): Promise<void> {
  if (LATENCIES.some((ms) => !Number.isInteger(ms) || ms < 0))
    throw new Error('BENCH_LATENCIES must be non-negative integers (milliseconds)');
  const home = await mkdtemp(join(tmpdir(), 'bench-latency-'));
  const calls = new ClientCalls();
  provisionCast(home);
  const platform = await startTestPlatform({ pkiDir: join(home, 'pki') });
  // As the window's hosts open their desks (desktop, local service).
  const station = openEmulatedStation(
    home,
    { PASSERELLE_PLATFORM_URL: platform.url, PASSERELLE_PLATFORM_CA: join(home, 'pki', 'root.crt') },
    { askAhead: true },
  );
  // Closed with the station.
  const { close: _close, ...desks } = station.desks;
  const core = createCore({
    info: { name: 'Passerelle', version: 'bench', environment: 'mock', platformUrl: platform.url, demo: true },
    cards: station.deck,
    ...desks,
    log: (line) => console.error(line),
  });
  try {
    const other = cardHolder(platform, SEED_PROFESSIONALS.hospitalier);
    await core.invoke('cards.insert', { label: CARD });
    await core.invoke('session.login', { pin: TEST_PIN });
    await core.invoke('cards.insert', { label: VITALE });
    await core.invoke('patient.vitale', {});
    await core.invoke('patient.identify', { beneficiary: 1 });
    // The patient agreed once: from then on the GP is authorized (TD0.3), as at any later consultation.
    await core.invoke('record.consent', { patientAgreed: true });
    await file(platform, other, PATIENT, [{ text: 'Compte rendu déjà au dossier' }]);
    // One flow untimed: the TLS sessions, the VIHF and the compiled code as a working day has them.
    await windowFlow(core);

    console.log(
      `Consultation under platform latency: "${VITALE}" inserted → documents listed, through the core's contract calls (patient.vitale, patient.identify, record.status, document.types + document.search), ${CARD} logged in, mock over mutual TLS in this process`,
    );
    let filed = 0;
    for (const latencyMs of LATENCIES) {
      const visits: Visit[] = [];
      await core.invoke('document.forget', {});
      visits.push(await timedVisit('first visit', latencyMs, platform, station, core, calls));
      visits.push(await timedVisit('later visit, nothing new', latencyMs, platform, station, core, calls));
      filed += 2;
      await file(platform, other, PATIENT, [
        { text: `Résultat ${filed - 1} arrivé entre deux visites` },
        { text: `Résultat ${filed} arrivé entre deux visites` },
      ]);
      visits.push(await timedVisit('later visit, 2 new documents', latencyMs, platform, station, core, calls));
      const goal = GOAL_FACTOR * latencyMs + GOAL_MARGIN_MS;
      console.log(
        `  latency ${latencyMs} ms per request (goal ≤ ${GOAL_FACTOR} × latency + ${GOAL_MARGIN_MS} ms = ${goal} ms)`,
      );
      for (const v of visits) {
        const multiple = latencyMs > 0 ? `${(v.ms / latencyMs).toFixed(2)} × latency` : 'no latency';
        console.log(
          `    ${v.label.padEnd(30)} ${v.ms.toFixed(0).padStart(6)} ms  ${multiple.padEnd(17)} ${v.ms <= goal ? '≤' : '>'} goal  ${v.requests} requests in ${v.waits} waits, ${v.documents} documents (${v.mode}), event loop's longest stall ${v.stallMs.toFixed(0)} ms`,
        );
      }
    }
  } finally {
    calls.close();
    core.close();
    await station.close();
    await platform.dispose();
    await rm(home, { recursive: true, force: true });
  }
}

if (isEntryPoint(import.meta.url)) await run();

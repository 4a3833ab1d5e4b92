/**
 * TD0.2 round trip through the whole client (VIHF, SOAP, mutual TLS, typed parsing) against the mock, beside
 * a bare HTTPS POST of the same request bytes to the same server over the same kind of connection, in the
 * same run; printed as a ratio. Also prints the card operations per call (VIHF signatures): the goal is one
 * signature reused for a short session, not one per request.
 *
 *   node --import tsx bench/td02-round-trip.ts
 */
import { SERVICE_PATHS } from '../interop/platform/service-paths.js';
import { buildSoapEnvelope } from '../interop/soap/envelope.js';
import { buildTd02Request, TD02_ACTION } from '../interop/hl7v3/td02.js';
import { startTestPlatform } from '../mock-platform/testing.js';
import { VITALE_CARDS } from '../native-bridge/emulator/cast.js';
import { pemCredentials } from '../test/support/pem-credentials.js';
import { isEntryPoint, percentile, rawPoster } from './support.js';
import { pemTransport, pemSession } from '../test/support/pem-session.js';
import { gpAccess, BENCH_SESSION } from './feed-support.js';

const CALLS = Number(process.env.BENCH_CALLS ?? 300);

export async function run(): Promise<void> {
  const platform = await startTestPlatform();
  try {
    const { issued, identity } = gpAccess(platform);
    const transport = pemTransport(platform.url, platform.pki.rootPem, issued);
    const session = pemSession(transport, pemCredentials(issued, identity), BENCH_SESSION);
    const vitale = VITALE_CARDS[0]!;
    const patient = await session.identify({ holderNir: vitale.holderNir, ...vitale.beneficiaries[0]! });
    await session.recordStatus(patient);

    const ours: number[] = [];
    for (let i = 0; i < CALLS; i += 1) {
      const start = process.hrtime.bigint();
      await session.recordStatus(patient);
      ours.push(Number(process.hrtime.bigint() - start) / 1e6);
    }

    // The baseline: the same envelope bytes (same VIHF), posted raw on a kept-alive mutual-TLS connection.
    const body = buildSoapEnvelope({
      action: TD02_ACTION,
      to: `${platform.url}${SERVICE_PATHS.patients}`,
      bodyXml: buildTd02Request(
        { matricule: patient.ins.matricule, oid: patient.ins.oid },
        '1.2.250.1.999.7.1',
        new Date(),
      ),
      securityXml: await session.vihf.forPatient({ matricule: patient.ins.matricule, oid: patient.ins.oid }),
    });
    const raw = rawPoster({
      url: new URL(`${platform.url}${SERVICE_PATHS.patients}`),
      rootPem: platform.pki.rootPem,
      client: issued,
      contentType: 'application/soap+xml',
    });
    const post = (): Promise<void> => raw.post(body);
    await post();
    const bare: number[] = [];
    for (let i = 0; i < CALLS; i += 1) {
      const start = process.hrtime.bigint();
      await post();
      bare.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    raw.close();
    transport.close();

    ours.sort((a, b) => a - b);
    bare.sort((a, b) => a - b);
    const p50 = percentile(ours, 50) / percentile(bare, 50);
    console.log(`TD0.2 round trip, ${CALLS} calls`);
    console.log(`  Passerelle p50 ${percentile(ours, 50).toFixed(2)} ms, p99 ${percentile(ours, 99).toFixed(2)} ms`);
    console.log(`  bare HTTPS p50 ${percentile(bare, 50).toFixed(2)} ms, p99 ${percentile(bare, 99).toFixed(2)} ms`);
    console.log(`  ratio p50 ${p50.toFixed(2)}x`);
    console.log(
      `  card signatures (VIHF) for ${CALLS + 2} calls: ${session.vihf.signatures} (${(session.vihf.signatures / (CALLS + 2)).toFixed(3)} per call)`,
    );
  } finally {
    await platform.dispose();
  }
}

if (isEntryPoint(import.meta.url)) await run();

/**
 * TD0.2 round trip through the whole client (VIHF, SOAP, mutual TLS, typed parsing) against the mock, beside
 * a bare HTTPS POST of the same request bytes to the same server over the same kind of connection, in the
 * same run; printed as a ratio. Also prints the card operations per call (VIHF signatures): the goal is one
 * signature reused for a short session, not one per request.
 *
 *   node --import tsx bench/td02-round-trip.ts
 */
import { Agent, request } from 'node:https';

import { Journal } from '../main/core/journal/journal.js';
import { HttpsTransport } from '../main/core/platform/https-transport.js';
import { PlatformClient } from '../main/core/platform/platform-client.js';
import { DmpSession } from '../main/core/session/dmp-session.js';
import { passerelleSoftware } from '../main/core/session/software.js';
import { SealedBox } from '../main/core/storage/sealed-box.js';
import { openSqlite } from '../interop/sqlite/sqlite.js';
import { SERVICE_PATHS } from '../interop/platform/service-paths.js';
import { buildSoapEnvelope } from '../interop/soap/envelope.js';
import { buildTd02Request, TD02_ACTION } from '../interop/hl7v3/td02.js';
import { startTestPlatform } from '../mock-platform/testing.js';
import { PROFESSIONAL_CARDS, VITALE_CARDS } from '../native-bridge/emulator/cast.js';
import { pemCredentials, pemSigner } from '../test/support/pem-credentials.js';
import { isEntryPoint, percentile } from './support.js';

const CALLS = Number(process.env.BENCH_CALLS ?? 300);

export async function run(): Promise<void> {
  const platform = await startTestPlatform();
  try {
    const card = PROFESSIONAL_CARDS[0]!;
    const activity = card.activities[0]!;
    const issued = platform.pki.issuePerson({
      nationalId: card.nationalId,
      lastName: card.lastName,
      firstName: card.firstName,
      usage: 'authentication',
    });
    const identity = {
      nationalId: card.nationalId,
      lastName: card.lastName,
      firstName: card.firstName,
      ...(card.profession ? { profession: card.profession } : {}),
      structure: { id: activity.structureId, name: activity.structureName, sector: activity.sector },
    };
    const credentials = { ...pemCredentials(issued, identity), vihfSigner: pemSigner(issued) };
    const transport = new HttpsTransport({
      baseUrl: platform.url,
      trustPem: [platform.pki.rootPem],
      clientCertificatePem: issued.certificatePem,
      clientKey: { kind: 'pem', pem: issued.privateKeyPem },
    });
    const session = new DmpSession({
      client: new PlatformClient(transport),
      credentials,
      software: passerelleSoftware('bench'),
      journal: new Journal(openSqlite(':memory:'), new SealedBox(Buffer.alloc(32, 9))),
    });
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
    const agent = new Agent({
      keepAlive: true,
      ca: platform.pki.rootPem,
      cert: issued.certificatePem,
      key: issued.privateKeyPem,
    });
    const url = new URL(`${platform.url}${SERVICE_PATHS.patients}`);
    const post = (): Promise<void> =>
      new Promise((resolve, reject) => {
        const req = request(
          url,
          { method: 'POST', agent, headers: { 'content-type': 'application/soap+xml' } },
          (res) => {
            res.on('data', () => undefined);
            res.on('end', resolve);
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    await post();
    const bare: number[] = [];
    for (let i = 0; i < CALLS; i += 1) {
      const start = process.hrtime.bigint();
      await post();
      bare.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    agent.destroy();
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

import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { isPasserelleError } from '../api/errors/index.js';
import { setSetting } from '../main/core/config/settings-file.js';
import { createCore } from '../main/core/router/create-core.js';
import { openEmulatedStation } from '../main/core/workstation/test-support/emulated-station.js';
import { startTestPlatform, type TestPlatform } from '../mock-platform/testing.js';
import { TEST_PIN } from '../native-bridge/index.js';
import { provisionCastFromTemplate } from './support/cast-template.js';

const home = mkdtempSync(join(tmpdir(), 'passerelle-proxy-'));
let platform: TestPlatform;
let proxy: Server;
/** The tunnels the proxy was asked for, and whether it lets them through. */
const tunnels: string[] = [];
let refuse = false;

beforeAll(async () => {
  provisionCastFromTemplate(home);
  platform = await startTestPlatform({ pkiDir: join(home, 'pki') });
  // An HTTP proxy as a hospital network has one: it only tunnels (CONNECT), and sees none of the TLS inside.
  proxy = createServer((_request, response) => response.writeHead(405).end());
  proxy.on('connect', (request, client) => {
    const target = request.url ?? '';
    tunnels.push(target);
    if (refuse) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\n\r\n');
      return;
    }
    const [host, port] = target.split(':');
    const upstream = connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  setSetting(home, 'httpProxy', `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`);
}, 120_000);
afterAll(async () => {
  proxy?.closeAllConnections();
  await new Promise((resolve) => proxy?.close(resolve));
  await platform?.dispose();
  rmSync(home, { recursive: true, force: true });
});

/** The professional's first platform call (INSi, over her card's TLS relay), from a workstation of this home. */
async function identifyThroughTheWorkstation(): Promise<unknown> {
  const station = openEmulatedStation(home, {
    PASSERELLE_PLATFORM_URL: platform.url,
    PASSERELLE_PLATFORM_CA: join(home, 'pki', 'root.crt'),
  });
  const { close: _closeDesks, ...desks } = station.desks;
  const core = createCore({
    info: { name: 'Passerelle', version: '0.1.0-test', environment: 'test', platformUrl: platform.url, demo: true },
    cards: station.deck,
    ...desks,
  });
  try {
    for (const label of ['CPS-GENERALISTE', 'VITALE-ADULTE']) await station.deck.emulator?.insert(label);
    await core.invoke('session.login', { pin: TEST_PIN, confirmLastTry: false, label: 'CPS-GENERALISTE' });
    await core.invoke('patient.vitale', { label: 'VITALE-ADULTE' });
    return await core.invoke('patient.identify', {});
  } finally {
    core.close();
    await station.close();
  }
}

describe('the httpProxy setting', { timeout: 120_000 }, () => {
  it('tunnels the card’s mutual TLS to the platform through the proxy', async () => {
    const identified = await identifyThroughTheWorkstation();
    expect(identified).toMatchObject({ patient: { status: 'RECUP' } });
    expect(tunnels).toContain(`localhost:${new URL(platform.url).port}`);
  });

  it('fails with a typed error when the proxy refuses the tunnel', async () => {
    refuse = true;
    tunnels.length = 0;
    const failure = await identifyThroughTheWorkstation().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(tunnels.length).toBeGreaterThan(0);
    expect(isPasserelleError(failure) && failure.code).toBe('PLATFORM_UNREACHABLE');
  });
});

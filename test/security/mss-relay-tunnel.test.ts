import { request } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { STARTTLS_HEADER } from '../../main/core/platform/starttls-preamble.js';
import {
  openEmulatedStation,
  type EmulatedStation,
} from '../../main/core/workstation/test-support/emulated-station.js';
import { startTestPlatform, type TestPlatform } from '../../mock-platform/testing.js';
import { TEST_PIN } from '../../native-bridge/index.js';
import { provisionCastFromTemplate } from '../support/cast-template.js';

/**
 * The card's TLS relay holds the card's key for the session: its mail tunnel must take the card's key to the
 * messaging operator the workstation names, and nowhere else, whatever a process reaching its socket asks.
 */
const home = mkdtempSync(join(tmpdir(), 'passerelle-mss-relay-'));
let platform: TestPlatform;
let station: EmulatedStation;
let socketPath: string;

beforeAll(async () => {
  provisionCastFromTemplate(home, ['CPS-GENERALISTE']);
  platform = await startTestPlatform({ pkiDir: join(home, 'pki') });
  station = openEmulatedStation(home, {
    ...process.env,
    PASSERELLE_HOME: home,
    PASSERELLE_PLATFORM_URL: platform.url,
    PASSERELLE_PLATFORM_CA: join(home, 'pki', 'root.crt'),
    PASSERELLE_MSSANTE_SMTP: `localhost:${platform.mssante.smtpPort}`,
  });
  await station.deck.emulator!.insert('CPS-GENERALISTE');
  await station.deck.login(TEST_PIN, { confirmLastTry: false });
  socketPath = station.deck.professional!.keyHolder.platform.socketPath;
}, 120_000);
afterAll(async () => {
  await station.close();
  await platform.dispose();
});

/** A CONNECT through the relay; the status it answers and, on success, the first line the server sent. */
function connect(target: string, protocol: string | undefined): Promise<{ status: number; first: string }> {
  return new Promise((resolve, reject) => {
    const req = request({
      socketPath,
      method: 'CONNECT',
      path: target,
      headers: protocol === undefined ? {} : { [STARTTLS_HEADER]: protocol },
    });
    req.once('connect', (reply, socket, head) => {
      const status = reply.statusCode ?? 0;
      if (status !== 200) {
        socket.destroy();
        resolve({ status, first: '' });
        return;
      }
      const answer = (text: string) => {
        socket.destroy();
        resolve({ status, first: text.split('\r\n')[0] ?? '' });
      };
      if (head.length > 0) answer(head.toString('latin1'));
      else socket.once('data', (chunk: Buffer) => answer(chunk.toString('latin1')));
    });
    req.once('error', reject);
    req.end();
  });
}

describe('the card relay’s mail tunnel', { timeout: 60_000 }, () => {
  it('reaches the workstation’s messaging operator past STARTTLS, under the card’s certificate', async () => {
    const tunnel = await connect(`localhost:${platform.mssante.smtpPort}`, 'smtp');
    expect(tunnel.status).toBe(200);
    expect(tunnel.first).toMatch(/^220 /);
  });

  it('refuses any other server, the platform’s own port included, and a tunnel without its protocol', async () => {
    expect((await connect(`localhost:${platform.port}`, 'smtp')).status).toBe(403);
    expect((await connect('example.org:25', 'smtp')).status).toBe(403);
    expect((await connect(`127.0.0.1:${platform.mssante.smtpPort}`, 'smtp')).status).toBe(403);
    expect((await connect(`localhost:${platform.mssante.smtpPort}`, undefined)).status).toBe(403);
    expect((await connect(`localhost:${platform.mssante.smtpPort}`, 'pop3')).status).toBe(403);
  });
});

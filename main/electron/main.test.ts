import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import type { BrowserWindow } from './testing/electron-mock.js';
import { electronMock } from './testing/electron-mock.js';

vi.mock('electron', () => import('./testing/electron-mock.js'));

const base = mkdtempSync(join(tmpdir(), 'passerelle-electron-'));
let window: BrowserWindow;

function appRequest(path: string, init?: RequestInit): Promise<Response> {
  const handler = electronMock.protocolHandlers.get('app')!;
  return Promise.resolve(handler(new Request(`app://passerelle${path}`, init)));
}

beforeAll(async () => {
  mkdirSync(join(base, 'app', 'renderer', 'dist'), { recursive: true });
  writeFileSync(join(base, 'app', 'renderer', 'dist', 'index.html'), '<!doctype html><title>Passerelle</title>');
  writeFileSync(join(base, 'outside.txt'), 'SECRET-CONTENT');
  electronMock.app.appPath = join(base, 'app');
  vi.stubEnv('PASSERELLE_HOME', join(base, 'home'));
  vi.stubEnv('PASSERELLE_PLATFORM_URL', '');
  vi.stubEnv('PASSERELLE_ENVIRONMENT', '');
  await import('./main.js');
  await vi.waitFor(() => expect(electronMock.windows).toHaveLength(1));
  window = electronMock.windows[0]!;
});
afterAll(() => {
  vi.unstubAllEnvs();
  rmSync(base, { recursive: true, force: true });
});

describe('the desktop shell (main/electron/main.ts) with a mocked electron', () => {
  it('declares app:// as a standard, secure scheme with fetch, and turns the sandbox on for every renderer', () => {
    expect(electronMock.privilegedSchemes).toEqual([
      {
        scheme: 'app',
        privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, stream: true },
      },
    ]);
    expect(electronMock.app.sandboxEnabled).toBe(true);
  });

  it('opens one window on app://passerelle/, isolated, sandboxed, without Node, shown once painted', () => {
    expect(window.loadedUrl).toBe('app://passerelle/');
    expect(window.options).toMatchObject({ show: false, title: 'Passerelle' });
    expect(window.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
      devTools: true,
    });
    expect(window.options.webPreferences).not.toHaveProperty('preload');
    window.emit('ready-to-show');
    expect(window.isVisible()).toBe(true);
  });

  it('serves the renderer and the API through the scheme, with the security headers', async () => {
    const page = await appRequest('/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const info = await appRequest('/api/app.info', {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    });
    expect(await info.json()).toMatchObject({ name: 'Passerelle', version: '0.0.0-test', environment: 'mock' });
  });

  it('refuses another host of the scheme and any path out of the renderer', async () => {
    const handler = electronMock.protocolHandlers.get('app')!;
    expect((await handler(new Request('app://elsewhere/'))).status).toBe(404);
    for (const path of ['/../outside.txt', '/%2e%2e/%2e%2e/outside.txt', '/..%2f..%2foutside.txt']) {
      const response = await appRequest(path);
      expect(response.status, path).toBe(404);
      expect(await response.text()).not.toContain('SECRET-CONTENT');
    }
  });

  it('denies new windows, navigation and redirects out of the app, and webviews', () => {
    const contents = window.webContents;
    expect(contents.windowOpenHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: 'app://passerelle/other' })).toEqual({ action: 'deny' });
    expect(contents.attempt('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.attempt('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(contents.attempt('will-redirect', 'http://127.0.0.1:1/')).toBe(true);
    expect(contents.attempt('will-navigate', 'app://passerelle/')).toBe(false);
    expect(contents.attempt('will-attach-webview')).toBe(true);
  });

  it('refuses every permission request and check', () => {
    let granted: boolean | undefined;
    electronMock.permissionRequestHandler!({}, 'media', (answer: boolean) => (granted = answer));
    expect(granted).toBe(false);
    expect(electronMock.permissionCheckHandler!({}, 'notifications')).toBe(false);
    expect(electronMock.devicePermissionHandler!({})).toBe(false);
  });

  it('installs a French menu for a French system, with developer tools outside a packaged build', () => {
    const labels = JSON.stringify(electronMock.menuTemplates.at(-1));
    expect(labels).toContain('Fichier');
    expect(labels).toContain('Outils de développement');
  });

  it('creates the local encryption key at launch, sealed by the OS secret store', async () => {
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(join(base, 'home', 'keys', 'data.key.safe'), 'utf8')).toMatch(/^sealed:/);
  });

  it('gives a workstation without provisioned cards no test cards, and so no batch', async () => {
    for (const method of ['cards.status', 'batch.status']) {
      const response = await appRequest(`/api/${method}`, {
        method: 'POST',
        body: '{}',
        headers: { 'content-type': 'application/json' },
      });
      expect(await response.json(), method).toMatchObject({ code: 'CARDS_UNAVAILABLE' });
    }
  });

  it('brings the window back when a second instance starts', () => {
    window.minimized = true;
    window.hide();
    electronMock.app.emit('second-instance');
    expect(window.isMinimized()).toBe(false);
    expect(window.isVisible()).toBe(true);
  });
});

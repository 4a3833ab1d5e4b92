import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll } from 'vitest';

import type { Page } from 'playwright-core';

import type { HostEnvironment } from '../../main/core/workstation/workstation.js';
import { startDemo, type RunningDemo } from '../../main/demo/start-demo.js';
import { provisionCastFromTemplate } from '../support/cast-template.js';
import { launchChromium, type Browser } from './chromium.js';

/** A browser suite's demo: its home, the running demo (its own mock platform) and the Chromium that opens its window. */
export interface DemoInChromium {
  readonly home: string;
  readonly demo: RunningDemo;
  readonly browser: Browser & { errors: string[] };
}

export interface DemoInChromiumOptions {
  /** The emulated cards put in the readers. */
  readonly cards: readonly string[];
  /** The demo's environment; none of the test process's unless given. */
  readonly env?: HostEnvironment;
  /** What the home holds before the demo starts (an establishment's settings…). */
  readonly prepare?: (home: string) => void;
}

/**
 * Registers the suite's hooks: before all, a fresh home `passerelle-<name>-…` with the emulated cast (copied from
 * the run's template), the demo started in it with `cards`, and Chromium; after all, both closed and the home
 * removed. Read the fields inside the tests.
 */
export function demoInChromium(name: string, options: DemoInChromiumOptions): DemoInChromium {
  let started: Partial<{ -readonly [K in keyof DemoInChromium]: DemoInChromium[K] }> = {};
  beforeAll(async () => {
    const home = mkdtempSync(join(tmpdir(), `passerelle-${name}-`));
    started.home = home;
    provisionCastFromTemplate(home);
    options.prepare?.(home);
    started.demo = await startDemo({ home, port: 0, platformPort: 0, env: options.env ?? {}, cards: options.cards });
    started.browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    await started.browser?.close();
    await started.demo?.close();
    if (started.home !== undefined) rmSync(started.home, { recursive: true, force: true });
    started = {};
  });
  const field = <K extends keyof DemoInChromium>(key: K): DemoInChromium[K] => {
    const value = started[key];
    if (value === undefined) throw new Error(`The suite's demo is not started: ${key} is read outside its tests.`);
    return value;
  };
  return {
    get home() {
      return field('home');
    },
    get demo() {
      return field('demo');
    },
    get browser() {
      return field('browser');
    },
  };
}

/**
 * The service's API as an integrator's software calls it, with the demo's launch token; a refusal throws with
 * the platform's answer.
 */
export async function callApi<T>(demo: RunningDemo, method: string, request: object = {}): Promise<T> {
  const launch = new URL(demo.service.launchUrl);
  const response = await fetch(`${launch.origin}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${launch.searchParams.get('token')}` },
    body: JSON.stringify(request),
  });
  const answer = (await response.json()) as T;
  if (!response.ok) throw new Error(`${method} refused: ${JSON.stringify(answer)}`);
  return answer;
}

/** Opens the demo's drawer of emulated cards from the header, as the user would (it starts closed). */
export async function openDemoDrawer(page: Page): Promise<void> {
  const trigger = page.getByRole('button', { name: 'Commandes de démonstration', exact: true });
  if ((await trigger.getAttribute('aria-expanded')) !== 'true') await trigger.click();
  await page.getByRole('complementary', { name: 'Commandes de démonstration' }).waitFor();
}

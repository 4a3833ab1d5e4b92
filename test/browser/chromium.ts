import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';

/** Debian's Chromium (package `chromium`, installed by scripts/ensure-system.sh). */
export const CHROMIUM = process.env.PASSERELLE_CHROMIUM ?? '/usr/bin/chromium';

export interface Browser {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Saves a screenshot of the page (the first one unless told) as `test-results/browser/<name>.png`. */
  screenshot(name: string, of?: Page): Promise<void>;
  close(): Promise<void>;
}

/** Chromium without a GPU, first-run pages, updates, sync or background traffic: a test's browser, and quiet. */
export const QUIET_CHROMIUM_ARGS: readonly string[] = [
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const SCREENSHOTS = join(process.cwd(), 'test-results', 'browser');

/**
 * A headless Chromium with a fresh profile, quiet (no update, sync or background traffic). `extraArgs` let a
 * test map host names (DNS rebinding) and the like. Fatal page errors fail the test through `errors`.
 */
export async function launchChromium(extraArgs: readonly string[] = []): Promise<Browser & { errors: string[] }> {
  const profile = mkdtempSync(join(tmpdir(), 'passerelle-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    chromiumSandbox: false,
    args: [...QUIET_CHROMIUM_ARGS, ...extraArgs],
    viewport: { width: 1280, height: 800 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    context,
    page,
    errors,
    screenshot: async (name, of = page) => {
      await of.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
    },
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

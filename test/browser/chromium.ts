import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';

/** Debian's Chromium (package `chromium`, installed by scripts/ensure-system.sh). */
export const CHROMIUM = process.env.PASSERELLE_CHROMIUM ?? '/usr/bin/chromium';

export interface Browser {
  readonly context: BrowserContext;
  readonly page: Page;
  /**
   * Saves a screenshot of the page (the first one unless told) as `test-results/browser/<name>.png`, after
   * axe-core found no serious or critical accessibility violation on it: every view a scenario shows is checked.
   * `notOurView` for what the browser draws itself, such as its rendering of a refused request's JSON answer;
   * `allow` names axe rules a view breaks on purpose, each with its reason at the call site; `viewportOnly`
   * shows what the window shows, for a layout whose header stays on top while the page scrolls.
   */
  screenshot(
    name: string,
    of?: Page,
    options?: { notOurView?: true; allow?: readonly string[]; viewportOnly?: true },
  ): Promise<void>;
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

/** A script that puts the frame's sticky parts back in the flow of the page (`true`), or lets them stick again. */
function pinStickyParts(inFlow: boolean): string {
  const change = inFlow ? "style.setProperty('position', 'static', 'important')" : "style.removeProperty('position')";
  return `document.querySelectorAll('.app-top, .patient-strip').forEach((element) => element.${change})`;
}

/** axe-core's browser build, injected into the page under test (it runs in the page, not in Node). */
const AXE_SCRIPT = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly { readonly target: readonly unknown[] }[];
}

/** axe-core as the page holds it once injected: `run()` checks the whole document. */
interface AxeInPage {
  axe?: { run(options: object): Promise<{ violations: AxeViolation[] }> };
}

/** The serious and critical WCAG 2.x A/AA violations axe-core finds on the page as it is now. */
export async function accessibilityViolations(page: Page, allow: readonly string[] = []): Promise<string[]> {
  if (!(await page.evaluate(() => (globalThis as AxeInPage).axe !== undefined))) {
    // Evaluated through the DevTools protocol: the window's Content-Security-Policy rightly forbids inline scripts.
    await page.evaluate(readFileSync(AXE_SCRIPT, 'utf8'));
  }
  const violations = await page.evaluate(async () => {
    const { axe } = globalThis as AxeInPage;
    const result = await axe!.run({
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    });
    return result.violations;
  });
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .filter((violation) => !allow.includes(violation.id))
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
}

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
    screenshot: async (name, of = page, options = {}) => {
      const fullPage = options.viewportOnly !== true;
      // A whole page is drawn as one tall window: what stays on top while the page scrolls would be drawn where
      // it was left, in the middle of the picture. The picture shows it in its place, at the top: through the
      // CSSOM, which the window's Content-Security-Policy allows where it refuses an injected stylesheet.
      if (fullPage) await of.evaluate(pinStickyParts(true));
      try {
        await of.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage });
      } finally {
        if (fullPage) await of.evaluate(pinStickyParts(false));
      }
      if (options.notOurView) return;
      const violations = await accessibilityViolations(of, options.allow);
      if (violations.length > 0) throw new Error(`${name}: ${violations.join('\n')}`);
    },
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

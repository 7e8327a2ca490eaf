/**
 * Opens the real task pane (served by the real server) in Chromium with the simulated Excel host in place of
 * office.js: the page's request for Microsoft's CDN script is intercepted and answered with the simulator bundle.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import type { Browser, Page } from 'playwright-core';

export const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
export const PAYLOAD_LIMIT = 5 * 1024 * 1024;
const ROOT = join(__dirname, '..', '..', '..');

/** Bundles the simulator (once per suite) and builds the pane's own bundle into addin/dist, which the server serves. */
export function buildHostAndPane(): string {
  const pane = spawnSync(process.execPath, [join(ROOT, 'addin', 'build.mjs')], { encoding: 'utf8' });
  if (pane.status !== 0) throw new Error(`addin/build.mjs failed: ${pane.stderr}`);
  const result = buildSync({
    entryPoints: [join(__dirname, 'office-sim.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2019',
    logLevel: 'error',
  });
  return result.outputFiles[0].text;
}

export interface PaneOptions {
  apiVersion?: string;
  viewport?: { width: number; height: number };
}

/** A new page with the pane loaded in the simulated Excel, waiting until the pane says it is ready. */
export async function openPane(browser: Browser, serverUrl: string, host: string, options: PaneOptions = {}) {
  const page = await browser.newPage({ viewport: options.viewport ?? { width: 360, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.route(OFFICE_JS, (route) => route.fulfill({ contentType: 'text/javascript', body: host }));
  await page.goto(`${serverUrl}/addin/taskpane.html`);
  if (options.apiVersion)
    await page.evaluate((v) => window.__excelSim.configure({ apiVersion: v }), options.apiVersion);
  await page.waitForSelector('#status[data-tone="idle"]', { timeout: 15000 });
  return { page, errors };
}

/** Clicks a button and waits until the run ends (status done, idle or error); returns the status line. */
export async function runAndWait(
  page: Page,
  selector: string,
  timeout = 120000,
): Promise<{ tone: string; text: string }> {
  await page.click(selector);
  await page.waitForFunction(
    () =>
      document.querySelector('#progress')!.hasAttribute('hidden') &&
      document.querySelector('#status')!.getAttribute('data-tone') !== 'busy',
    undefined,
    { timeout, polling: 50 },
  );
  return page.evaluate(() => ({
    tone: document.querySelector('#status')!.getAttribute('data-tone')!,
    text: document.querySelector('#status')!.textContent!,
  }));
}

/** Every sync the pane made, checked against the 5 MB limit by the test. */
export function syncs(page: Page) {
  return page.evaluate(() => window.__excelSim.syncs.map((s) => ({ ...s })));
}

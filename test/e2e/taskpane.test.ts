import type { Browser } from 'playwright-core';
import type { RunningServer } from '../../server/bootstrap';
import { closeTestServer, openTestServer, type TestStorage } from '../server/helpers/server';
import { launchBrowser } from './browser';

const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

describe('the task pane in a real browser, outside Excel', () => {
  let storage: TestStorage;
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    ({ storage, server } = await openTestServer('sqlite'));
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await closeTestServer(server, storage);
  });

  it('says to open it in Excel when office.js cannot be reached, instead of hanging', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // These machines cannot reach Microsoft's CDN: make that explicit and immediate.
    await page.route(OFFICE_JS, (route) => route.abort('internetdisconnected'));
    await page.goto(`${server.url}/addin/taskpane.html`);
    await page.waitForSelector('#not-in-excel:not([hidden])', { timeout: 15000 });
    expect(await page.textContent('#not-in-excel h2')).toBe('Open this pane in Excel');
    expect(await page.isDisabled('#segment-button')).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('says the same when office.js loads but there is no Office host (a plain browser tab)', async () => {
    const page = await browser.newPage();
    const blocked: string[] = [];
    page.on('console', (m) => {
      if (m.text().includes('Content Security Policy')) blocked.push(m.text());
    });
    // What office.js does outside Office: onReady resolves with host null.
    await page.route(OFFICE_JS, (route) =>
      route.fulfill({
        contentType: 'text/javascript',
        body: "window.Office = { HostType: { Excel: 'Excel' }, onReady: () => Promise.resolve({ host: null, platform: null }) };",
      }),
    );
    await page.goto(`${server.url}/addin/taskpane.html`);
    await page.waitForSelector('#not-in-excel:not([hidden])', { timeout: 15000 });
    expect(await page.isDisabled('#segment-button')).toBe(true);
    // The CSP lets office.js (from its CDN) and the pane's own script and style run.
    expect(blocked).toEqual([]);
    await page.close();
  });
});

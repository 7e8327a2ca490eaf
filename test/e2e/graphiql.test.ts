import type { Browser } from 'playwright-core';
import type { RunningServer } from '../../server/bootstrap';
import { type TestStorage, openTestServer, closeTestServer } from '../server/helpers/server';
import { launchBrowser } from './browser';

describe('GraphiQL in a real browser, with no internet', () => {
  let storage: TestStorage;
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    ({ storage, server } = await openTestServer('sqlite', { seedDemo: true }));
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await closeTestServer(server, storage);
  });

  it('loads from this server only and runs the example query against the demo workspace', async () => {
    const page = await browser.newPage();
    const foreign: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(server.url) && !r.url().startsWith('data:')) foreign.push(r.url());
    });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // The Content-Security-Policy must allow everything GraphiQL needs: a violation is a console error.
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('response', (r) => {
      if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`);
    });
    await page.goto(`${server.url}/graphql`);
    await page.waitForSelector('.graphiql-execute-button', { timeout: 30000 });
    await page.click('.graphiql-execute-button');
    await page.waitForFunction(
      () => document.querySelector('.result-window')?.textContent?.includes('CRM usage'),
      undefined,
      { timeout: 30000 },
    );
    const result = await page.textContent('.result-window');
    expect(result).toContain('"datasets"');
    expect(result).toContain('CRM usage');
    expect(foreign).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from '../../server/bootstrap';
import { closeTestServer, gql, openTestServer, type TestStorage } from '../server/helpers/server';
import { launchBrowser } from './browser';
import { customerSheet, demoSheet, type SheetSetup } from './excel-data';
import { columnName, parseAddress } from '../../addin/src/excel/address';
import { buildHostAndPane, openPane, PAYLOAD_LIMIT, runAndWait, syncs } from './excel-sim/harness';

const ROOT = join(__dirname, '..', '..');

/** "'Sheet'!A6:R16" → "A6:R16". */
const local = (address: string) => address.slice(address.lastIndexOf('!') + 1);

/** The data rows (header excluded) of columns first..last of a table at `address`, as Excel writes the address. */
function bodyColumns(address: string, first: number, last: number): string {
  const t = parseAddress(address);
  const sheet = address.slice(0, address.lastIndexOf('!'));
  return `${sheet}!${columnName(t.column + first)}${t.row + 2}:${columnName(t.column + last)}${t.row + t.rowCount}`;
}

/** Puts sheets into the simulated workbook and selects `address` on the first. */
async function setUp(page: Page, sheets: SheetSetup[], address: string) {
  await page.evaluate(
    ({ sheets, address }) => {
      for (const s of sheets) window.__excelSim.addSheet(s.name, s.rows, s.formats);
      window.__excelSim.select(sheets[0].name, address);
    },
    { sheets, address },
  );
}

/** Collects every text the progress label shows from now on. */
async function recordProgress(page: Page) {
  await page.evaluate(() => {
    const log: string[] = [];
    (window as unknown as { __progress: string[] }).__progress = log;
    const label = document.querySelector('#progress-label')!;
    new MutationObserver(() => log.push(label.textContent ?? '')).observe(label, {
      childList: true,
      subtree: true,
      characterData: true,
    });
  });
  return () => page.evaluate(() => (window as unknown as { __progress: string[] }).__progress);
}

/** Every sync stayed within Excel on the web's 5 MB (and, unless `refusals`, none was refused). */
async function expectSyncsWithinLimit(page: Page, refusals = false) {
  const all = await syncs(page);
  expect(all.length).toBeGreaterThan(0);
  for (const s of all) {
    if (s.failed === null) {
      expect(s.requestBytes).toBeLessThanOrEqual(PAYLOAD_LIMIT);
      expect(s.responseBytes).toBeLessThanOrEqual(PAYLOAD_LIMIT);
    }
  }
  if (!refusals) expect(all.filter((s) => s.failed !== null)).toEqual([]);
  return all;
}

describe('the task pane in Chromium, in a simulated Excel, against the real server', () => {
  let storage: TestStorage;
  let server: RunningServer;
  let browser: Browser;
  let host: string;

  beforeAll(async () => {
    host = buildHostAndPane();
    ({ storage, server } = await openTestServer('sqlite'));
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await closeTestServer(server, storage);
  });

  describe('Segment selection on a 3,000-row customer table', () => {
    let page: Page;
    let errors: string[];
    const customers = customerSheet(3000);

    beforeAll(async () => {
      ({ page, errors } = await openPane(browser, server.url, host));
      await setUp(page, [customers], 'A1:I3001');
      // Something of the user's below the selection, in the column the labels will take.
      await page.evaluate(() => window.__excelSim.setCell('Customers', 'J3005', 'my note'));
    });
    afterAll(() => page.close());

    test('with nothing touched: labels and names beside the rows, a results sheet with tables, formats and charts', async () => {
      const status = await runAndWait(page, '#segment-button');
      expect(status.tone).toBe('done');
      const k = Number(/^Segmented 3,000 rows into (\d+) segments on 6 features/.exec(status.text)?.[1]);
      expect(k).toBeGreaterThanOrEqual(2);
      expect(status.text).toContain('Names in Customers!J1:K3001');

      // The server's stored run, to check the written labels row for row.
      const runs = await gql<{
        segmentations: { labels: (number | null)[]; segments: { label: number; name: string }[] }[];
      }>(server.url, '{ segmentations { labels segments { label name } } }');
      const run = runs.data!.segmentations[runs.data!.segmentations.length - 1];
      const names = new Map(run.segments.map((s) => [s.label, s.name]));
      const written = await page.evaluate(() => window.__excelSim.cells('Customers', 'J1:K3001'));
      expect(written[0].map((c) => c.value)).toEqual(['Segment label', 'Segment']);
      written.slice(1).forEach((row, i) => {
        expect(row[0].value).toBe(run.labels[i] ?? '');
        expect(row[1].value).toBe(run.labels[i] === null ? '' : names.get(run.labels[i]!));
        // Names are text as text: formatted "@" before the values went in, so Excel typed nothing.
        expect(row[1].format).toBe('@');
        expect(row[1].type).toBe('String');
        expect(row[0].format).toBe('#,##0');
      });

      // The user's data is untouched, and nothing of theirs moved.
      const data = await page.evaluate(() => window.__excelSim.cells('Customers', 'A1:I3001'));
      expect(data[1].map((c) => c.value)).toEqual(
        customers.rows[1].map((v) => (v && typeof v === 'object' ? '#N/A' : (v ?? ''))),
      );
      expect(await page.evaluate(() => window.__excelSim.values('Customers', 'J3005'))).toEqual([['my note']]);

      // A new sheet, active; the user's sheet neither renamed nor deleted.
      expect(await page.evaluate(() => window.__excelSim.sheetNames())).toEqual(['Customers', 'Quadrant segments']);
      expect(await page.evaluate(() => window.__excelSim.activeSheet())).toBe('Quadrant segments');

      const tables = await page.evaluate(() => window.__excelSim.tables());
      expect(tables.map((t) => t.name)).toEqual(['Profiles', 'ProfileZScores', 'KSelection']);
      const [profiles, zScores, kSelection] = tables;
      // Features by default: numbers, yes/no and few-valued text; not the IDs, e-mails or dates.
      expect(profiles.headers.slice(0, 5)).toEqual(['Segment', 'Label', 'Size', 'Share', 'Silhouette']);
      expect(profiles.headers).toEqual(
        expect.arrayContaining(['orders (mean)', 'revenue (mean)', 'minutes (mean)', 'region=North', 'channel=Google']),
      );
      expect(profiles.headers.join()).not.toMatch(/customer_id|email|signup/);
      expect(zScores.headers).toEqual(['Segment', 'orders', 'revenue', 'minutes']);
      expect(kSelection.headers).toEqual(['k', 'Silhouette', 'Inertia']);
      expect(parseAddress(kSelection.address).rowCount).toBe(10); // header + k = 2..10
      expect(parseAddress(profiles.address).rowCount).toBe(k + 1);

      // Number formats: sizes as integers, shares as percentages.
      const profileCells = await page.evaluate(
        (a) => window.__excelSim.cells('Quadrant segments', a),
        local(profiles.address),
      );
      expect(profileCells[1].slice(2, 5).map((c) => c.format)).toEqual(['#,##0', '0.0%', '0.000']);
      expect(profileCells.slice(1).reduce((n, row) => n + (row[2].value as number), 0)).toBe(3000);

      // The heat map: a three-colour scale over the z-scores, white at 0.
      const scales = await page.evaluate(() => window.__excelSim.conditionalFormats());
      expect(scales).toEqual([
        expect.objectContaining({ type: 'ColorScale', address: bodyColumns(zScores.address, 1, 3) }),
      ]);
      expect(scales[0].criteria).toMatchObject({ midpoint: { type: 'Number', formula: '0' } });

      // Native charts bound to the tables' cells.
      const charts = await page.evaluate(() => window.__excelSim.charts());
      expect(charts.map((c) => [c.type, c.title])).toEqual([
        ['BarClustered', 'Segment sizes'],
        ['LineMarkers', 'Silhouette by k'],
        ['LineMarkers', 'Inertia by k'],
      ]);
      const series = (address: string, value: number, category = 0) => ({
        values: bodyColumns(address, value, value),
        xValues: bodyColumns(address, category, category),
      });
      expect(charts[0].series).toEqual([{ name: 'Size', ...series(profiles.address, 2) }]);
      expect(charts[1].series).toEqual([{ name: 'Silhouette', ...series(kSelection.address, 1) }]);
      expect(charts[2].series).toEqual([{ name: 'Inertia', ...series(kSelection.address, 2) }]);

      await expectSyncsWithinLimit(page);
      expect(errors).toEqual([]);
      mkdirSync(join(ROOT, 'docs'), { recursive: true });
      // The README's picture: the pane after the run, with the detected columns and the options opened.
      await page.click('#segment-options summary');
      await page.screenshot({ path: join(ROOT, 'docs', 'taskpane.png'), fullPage: true });
      await page.click('#segment-options summary');
    });

    test('never overwrites: asks before inserting, writes nothing when declined, inserts only beside the rows; row metrics on request', async () => {
      await page.evaluate(() => {
        window.__excelSim.model.activeSheet = window.__excelSim.model.sheet('Customers')!;
        window.__excelSim.select('Customers', 'A1:I3001');
      });
      const before = await page.evaluate(() => window.__excelSim.values('Customers', 'J1:K3001'));
      await page.click('#segment-button');
      await page.waitForSelector('#confirm:not([hidden])');
      expect(await page.textContent('#confirm-text')).toContain(
        'Cells Customers!J1:K3001 beside the selection are not empty',
      );
      await page.click('#confirm-cancel');
      await page.waitForSelector('#status[data-tone="idle"]');
      expect(await page.textContent('#status')).toBe('Nothing was written.');
      expect(await page.evaluate(() => window.__excelSim.values('Customers', 'J1:K3001'))).toEqual(before);
      expect(await page.evaluate(() => window.__excelSim.sheetNames())).toEqual(['Customers', 'Quadrant segments']);

      // This time Ward with k chosen in the options, and each row's distance to its centre and silhouette.
      await page.click('#segment-options summary');
      await page.selectOption('#segment-method', 'WARD');
      await page.fill('#segment-k', '4');
      await page.check('#segment-metrics');
      await page.click('#segment-button');
      await page.waitForSelector('#confirm:not([hidden])');
      expect(await page.textContent('#confirm-text')).toContain(
        'Cells Customers!J1:M3001 beside the selection are not empty. Insert 4 columns',
      );
      await page.click('#confirm-insert');
      await page.waitForFunction(
        () => document.querySelector('#status')!.getAttribute('data-tone') === 'done',
        undefined,
        { timeout: 120000 },
      );
      // New cells at J:M in the selection's rows; the earlier labels moved right; the note below stayed put.
      expect(await page.evaluate(() => window.__excelSim.values('Customers', 'N1:O3001'))).toEqual(before);
      const metrics = await page.evaluate(() => window.__excelSim.cells('Customers', 'J1:M3001'));
      expect(metrics[0].map((c) => c.value)).toEqual(['Segment label', 'Segment', 'Distance to centre', 'Silhouette']);
      // The run's own per-row figures (scikit-learn's definitions, checked against fixtures in the server suite).
      const runs = await gql<{
        segmentations: { labels: (number | null)[]; rowDistances: number[] | null; rowSilhouettes: number[] | null }[];
      }>(server.url, '{ segmentations { labels rowDistances rowSilhouettes } }');
      const run = runs.data!.segmentations.find((r) => r.rowDistances !== null)!;
      metrics.slice(1).forEach((row, i) => {
        expect(row[0].value).toBe(run.labels[i]);
        expect(row[2].value).toBeCloseTo(run.rowDistances![i], 12);
        expect(row[3].value).toBeCloseTo(run.rowSilhouettes![i], 12);
        expect([row[2].format, row[3].format]).toEqual(['0.000', '0.000']);
        expect(row[3].value as number).toBeGreaterThanOrEqual(-1);
        expect(row[3].value as number).toBeLessThanOrEqual(1);
      });
      expect(await page.textContent('#status')).toMatch(/^Segmented 3,000 rows into 4 segments/);
      expect(await page.evaluate(() => window.__excelSim.values('Quadrant segments (2)', 'A1'))).toEqual([
        [expect.stringMatching(/^4 segments of 3000 rows by Ward/)],
      ]);
      expect(await page.evaluate(() => window.__excelSim.values('Customers', 'J3005:P3005'))).toEqual([
        ['my note', '', '', '', '', '', ''],
      ]);
      expect(await page.evaluate(() => window.__excelSim.sheetNames())).toEqual([
        'Customers',
        'Quadrant segments',
        'Quadrant segments (2)',
      ]);
      // Table names are unique in the workbook (one k given: no k-selection table this time).
      expect((await page.evaluate(() => window.__excelSim.tables())).map((t) => t.name).slice(3)).toEqual([
        'Profiles2',
        'ProfileZScores2',
      ]);
      await expectSyncsWithinLimit(page);
    });
  });

  test('RFM on a 100,000-row whole-column selection in ExcelApi 1.7: read and written back in blocks under 5 MB', async () => {
    const { page, errors } = await openPane(browser, server.url, host, { apiVersion: '1.7' });
    await page.evaluate(() => {
      let seed = 12345;
      const next = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
      const rows: (string | number)[][] = [['customer_id', 'date', 'amount', 'store']];
      for (let i = 0; i < 100000; i++) {
        const customer = Math.floor(next() * 5000);
        rows.push([
          `C${10000 + customer}`,
          45000 + Math.floor(next() * 700 * (0.3 + (customer % 7) / 7)),
          Math.round(next() * 20000 * (1 + (customer % 5))) / 100,
          ['North', 'South', 'Online'][customer % 3],
        ]);
      }
      window.__excelSim.addSheet('Transactions', rows, [null, 'yyyy-mm-dd', '#,##0.00', null]);
      window.__excelSim.select('Transactions', 'A:D');
    });
    const progress = await recordProgress(page);
    await page.click('#segment-options summary');
    await page.selectOption('#segment-method', 'RFM');
    const status = await runAndWait(page, '#segment-button');
    expect(status).toEqual({
      tone: 'done',
      text: expect.stringMatching(/^5,000 customers in \d+ RFM segments: names in Transactions!E1:K100001/),
    });

    // Checked in the page (1.1 million cells): every row carries its customer's segment and scores…
    const written = await page.evaluate(() => {
      const rows = window.__excelSim.values('Transactions', 'A1:K100001');
      const byCustomer = new Map<unknown, string>();
      let inconsistent = 0;
      let empty = 0;
      for (const row of rows.slice(1)) {
        const cells = JSON.stringify(row.slice(4));
        if (row[4] === '') empty++;
        if ((byCustomer.get(row[0]) ?? cells) !== cells) inconsistent++;
        byCustomer.set(row[0], cells);
      }
      const segments = Object.fromEntries([...byCustomer].map(([key, cells]) => [String(key), JSON.parse(cells)[0]]));
      return { header: rows[0].slice(4), inconsistent, empty, segments };
    });
    expect(written.header).toEqual([
      'RFM segment',
      'Recency (days)',
      'Frequency',
      'Monetary',
      'R score',
      'F score',
      'M score',
    ]);
    expect(written.inconsistent).toBe(0);
    expect(written.empty).toBe(0);
    expect(Object.keys(written.segments)).toHaveLength(5000);
    // …the segment the server stored for that customer.
    const runs = await gql<{ segmentations: { id: string; kind: string }[] }>(
      server.url,
      '{ segmentations { id kind } }',
    );
    const rfmRun = runs.data!.segmentations.filter((r) => r.kind === 'RFM').pop()!;
    const members = await gql<{ segmentation: { members: { edges: { node: { key: string; segment: string } }[] } } }>(
      server.url,
      'query($id: ID!) { segmentation(id: $id) { members(first: 1000) { edges { node { key segment } } } } }',
      { id: rfmRun.id },
    );
    expect(members.data!.segmentation.members.edges).toHaveLength(1000);
    for (const { node } of members.data!.segmentation.members.edges)
      expect(written.segments[node.key]).toBe(node.segment);

    const all = await expectSyncsWithinLimit(page);
    const large = all.filter((s) => s.responseBytes > 1_000_000 || s.requestBytes > 1_000_000);
    expect(large.length).toBeGreaterThanOrEqual(4); // ~8 MB read and ~9 MB written, 2 MB at a time
    const seen = await progress();
    expect(
      seen.some(
        (t) =>
          /^Reading the selection: [\d,]+ rows of 100,001$/.test(t) && !t.startsWith('Reading the selection: 100,001'),
      ),
    ).toBe(true);
    expect(seen.some((t) => /^Writing back: [\d,]+ rows of 100,000$/.test(t))).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  describe('a 100,000-row selection of six columns', () => {
    let page: Page;
    beforeEach(async () => {
      ({ page } = await openPane(browser, server.url, host));
      await page.evaluate(() => {
        let seed = 99;
        const next = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
        const rows: (string | number)[][] = [['id', 'visits', 'minutes', 'orders', 'revenue', 'plan']];
        for (let i = 0; i < 100000; i++) {
          const g = i % 3;
          rows.push([
            `U${i}`,
            Math.round(next() * 10 + g * 20),
            Math.round(next() * 100 + g * 50),
            Math.round(next() * 5 + g),
            Math.round(next() * 9000 + g * 3000) / 100,
            ['free', 'pro', 'team'][g],
          ]);
        }
        window.__excelSim.addSheet('Usage', rows);
        window.__excelSim.select('Usage', 'A1:F100001');
      });
    });
    afterEach(() => page.close());

    test('Segment selection with nothing touched: 100,000 rows segmented, labels and names written back under 5 MB a sync', async () => {
      const status = await runAndWait(page, '#segment-button', 300_000);
      expect(status).toEqual({
        tone: 'done',
        text: expect.stringMatching(
          /^Segmented 100,000 rows into \d+ segments on \d+ features, silhouette [\d.]+ ± [\d.]+ \(5,000-row sample\)\. Names in Usage!G1:H100001;/,
        ),
      });
      // Every row has a label, and its name is the stored run's name for that label.
      const written = await page.evaluate(() => {
        const rows = window.__excelSim.values('Usage', 'G1:H100001');
        const names = new Map<unknown, unknown>();
        let inconsistent = 0;
        for (const [label, name] of rows.slice(1)) {
          if ((names.get(label) ?? name) !== name || label === '') inconsistent++;
          names.set(label, name);
        }
        return { header: rows[0], inconsistent, names: Object.fromEntries(names) };
      });
      expect(written.header).toEqual(['Segment label', 'Segment']);
      expect(written.inconsistent).toBe(0);
      const runs = await gql<{
        segmentations: { k: number; rowCount: number; segments: { label: number; name: string }[] }[];
      }>(server.url, '{ segmentations { k rowCount segments { label name } } }');
      const run = runs.data!.segmentations.filter((r) => r.rowCount === 100000).pop()!;
      expect(Object.keys(written.names)).toHaveLength(run.k);
      for (const s of run.segments) expect(written.names[String(s.label)]).toBe(s.name);
      const all = await expectSyncsWithinLimit(page);
      expect(all.some((s) => s.requestBytes > 1_000_000)).toBe(true); // the write-back went in large blocks
    });

    test('Cancel while reading stops between blocks and writes nothing', async () => {
      await page.evaluate(() => window.__excelSim.configure({ latencyMs: 150 }));
      await page.click('#segment-button');
      await page.waitForFunction(() =>
        /^Reading the selection: [\d,]+ rows/.test(document.querySelector('#progress-label')!.textContent!),
      );
      await page.click('#cancel-button');
      await page.waitForSelector('#status[data-tone="idle"]', { timeout: 30000 });
      expect(await page.textContent('#status')).toBe('Cancelled. Nothing was written.');
      expect(await page.evaluate(() => window.__excelSim.sheetNames())).toEqual(['Usage']);
      expect(await page.evaluate(() => window.__excelSim.usedAddress('Usage'))).toBe('Usage!A1:F100001');
      await expectSyncsWithinLimit(page);
    });

    test('k-means in the background: the bar follows the run on the server and Cancel cancels the run', async () => {
      await page.click('#segment-button');
      // The percentage appears once the server has answered a status poll of the running run.
      await page.waitForFunction(
        () => /^Segmenting on the server… \d+%$/.test(document.querySelector('#progress-label')!.textContent!),
        undefined,
        { timeout: 60000 },
      );
      await page.click('#cancel-button');
      await page.waitForSelector('#status[data-tone="idle"]', { timeout: 30000 });
      expect(await page.textContent('#status')).toMatch(
        /^Cancelled: the server stopped the run\. Nothing was written\.$/,
      );
      // The server marks the run cancelled (allowing it a moment to stop its workers).
      let statuses: string[] = [];
      for (let i = 0; i < 50 && !statuses.includes('CANCELLED'); i++) {
        const runs = await gql<{ segmentations: { status: string }[] }>(server.url, '{ segmentations { status } }');
        statuses = runs.data?.segmentations.map((r) => r.status) ?? [];
        if (!statuses.includes('CANCELLED')) await new Promise((r) => setTimeout(r, 200));
      }
      expect(statuses).toContain('CANCELLED');
      expect(await page.evaluate(() => window.__excelSim.sheetNames())).toEqual(['Usage']);
    });
  });

  test('clear messages: server unreachable (and the settings kept in the document), no header, too few rows, no usable column', async () => {
    const { page } = await openPane(browser, server.url, host);
    const requests: (string | undefined)[] = [];
    page.on('request', (r) => r.url().endsWith('/graphql') && requests.push(r.headers().authorization));
    await setUp(
      page,
      [
        {
          name: 'Small',
          rows: [['id', 'spend', 'visits'], ...Array.from({ length: 20 }, (_, i) => [`u${i}`, i * 3, (i * 7) % 5])],
          formats: [],
        },
        {
          name: 'NoHeader',
          rows: [
            ['spend', null],
            [1, 2],
            [3, 4],
          ],
          formats: [],
        },
        {
          name: 'Ids',
          rows: [['id', 'email'], ...Array.from({ length: 20 }, (_, i) => [`u${i}`, `u${i}@x.org`])],
          formats: [],
        },
      ],
      'A1:C21',
    );
    await page.click('#settings-button');
    await page.fill('#settings-url', 'http://127.0.0.1:9');
    await page.fill('#settings-key', 'qk-test-123');
    await page.click('#settings-save');
    expect(await page.evaluate(() => window.__excelSim.settings())).toEqual({
      'quadrant.serverUrl': 'http://127.0.0.1:9',
      'quadrant.apiKey': 'qk-test-123',
    });
    const down = await runAndWait(page, '#segment-button');
    expect(down).toEqual({
      tone: 'error',
      text: 'Cannot reach the Quadrant server at http://127.0.0.1:9: check that it is running and the server URL in Settings.',
    });
    expect(await page.evaluate(() => window.__excelSim.values('Small', 'D1:E2'))).toEqual([
      ['', ''],
      ['', ''],
    ]);

    await page.click('#settings-button');
    await page.fill('#settings-url', '');
    await page.click('#settings-save');
    // The key goes out as a bearer token; the server holds no such key, and the pane says so.
    const refused = await runAndWait(page, '#segment-button');
    expect(refused.tone).toBe('error');
    expect(refused.text).toMatch(/^The server refused the API key \(.+\): check the key in Settings\.$/);
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.every((h) => h === 'Bearer qk-test-123')).toBe(true);
    await page.click('#settings-button');
    await page.fill('#settings-key', '');
    await page.click('#settings-save');
    expect((await runAndWait(page, '#segment-button')).tone).toBe('done');

    await page.evaluate(() => window.__excelSim.select('NoHeader', 'A1:B3'));
    expect(await runAndWait(page, '#segment-button')).toEqual({
      tone: 'error',
      text: 'The selection has no header: cell B1 is empty. Select a table whose first row names every column.',
    });
    await page.evaluate(() => window.__excelSim.select('Small', 'A1:C3'));
    expect(await runAndWait(page, '#segment-button')).toEqual({
      tone: 'error',
      text: 'Too few rows: the selection has 2 data rows; segmenting needs at least 3.',
    });
    await page.evaluate(() => window.__excelSim.select('Ids', 'A1:B21'));
    const none = await runAndWait(page, '#segment-button');
    expect(none.tone).toBe('error');
    expect(none.text).toMatch(/^No usable column in Ids!A1:B21/);
    await page.close();
  });

  describe('Correlations, Cohorts and Assign: one run each', () => {
    let page: Page;
    const customers = customerSheet(400);
    beforeAll(async () => {
      ({ page } = await openPane(browser, server.url, host));
      await setUp(
        page,
        [
          customers,
          demoSheet('Transactions', 'Transactions'),
          { ...customerSheet(150, 11), name: 'New customers' },
          { ...customers, name: 'Same customers' },
        ],
        'A1',
      );
    });
    afterAll(() => page.close());

    const sheetOf = async (name: string) => ({
      tables: (await page.evaluate(() => window.__excelSim.tables())).filter((t) => t.sheet === name),
      charts: (await page.evaluate(() => window.__excelSim.charts())).filter((c) => c.sheet === name),
      scales: (await page.evaluate(() => window.__excelSim.conditionalFormats())).filter((f) =>
        f.address.startsWith(`'${name}'!`),
      ),
    });

    test('Correlations: columns and target guessed, the matrix as a −1..+1 heat map, r by column as a bar chart', async () => {
      await page.click('[data-pane="correlations"]');
      await runAndWait(page, '#pane-correlations .use-selection');
      expect(await page.inputValue('#correlation-columns')).toBe('region, channel, orders, revenue, minutes, churned');
      expect(await page.inputValue('#correlation-target')).toBe('revenue');
      const status = await runAndWait(page, '#pane-correlations .run');
      expect(status).toEqual({
        tone: 'done',
        text: expect.stringMatching(
          /^1\d columns correlated over 400 rows; strongest with revenue: \S+ \(r = 0\.\d\d\)\. Tables and chart on sheet "Quadrant correlations"\.$/,
        ),
      });
      const { tables, charts, scales } = await sheetOf('Quadrant correlations');
      expect(tables.map((t) => t.name)).toEqual(['Correlations', 'P_values', 'Target']);
      expect(charts.map((c) => [c.type, c.title])).toEqual([['BarClustered', 'Correlation with revenue']]);
      const matrix = tables[0];
      expect(matrix.headers).toEqual(
        expect.arrayContaining(['Column', 'orders', 'revenue', 'region=North', 'churned']),
      );
      expect(scales).toEqual([
        expect.objectContaining({
          type: 'ColorScale',
          address: bodyColumns(matrix.address, 1, matrix.headers.length - 1),
        }),
      ]);
      expect(scales[0].criteria).toMatchObject({
        minimum: { type: 'Number', formula: '-1' },
        maximum: { type: 'Number', formula: '1' },
      });

      // r(orders, revenue) on the sheet is the API's for the same rows (error cells read as missing).
      const direct = await gql<{ correlations: { columns: string[]; matrix: (number | null)[][] } }>(
        server.url,
        'query($t: TableInput!) { correlations(input: { table: $t, columns: ["orders", "revenue"] }) { columns matrix } }',
        {
          t: {
            header: customers.rows[0],
            rows: customers.rows.slice(1).map((r) => r.map((c) => (c && typeof c === 'object' ? null : c))),
          },
        },
      );
      const cells = await page.evaluate(
        (a) => window.__excelSim.cells('Quadrant correlations', a),
        local(matrix.address),
      );
      const at = (name: string) => cells[0].findIndex((c) => c.value === name);
      const ordersRow = cells.find((row) => row[0].value === 'orders')!;
      expect(ordersRow[at('revenue')].value).toBeCloseTo(direct.data!.correlations.matrix[0][1]!, 12);
      expect(ordersRow[at('revenue')].format).toBe('0.000');
      await expectSyncsWithinLimit(page);
    });

    test('Cohorts: customer, date and amount guessed; the retention triangle with a colour scale and the retention curve', async () => {
      await page.evaluate(() => window.__excelSim.select('Transactions', 'B2'));
      await page.click('[data-pane="cohorts"]');
      await runAndWait(page, '#pane-cohorts .use-selection');
      expect(await page.inputValue('#cohort-customer')).toBe('customer_id');
      expect(await page.inputValue('#cohort-date')).toBe('date');
      expect(await page.inputValue('#cohort-amount')).toBe('amount');
      const status = await runAndWait(page, '#pane-cohorts .run');
      expect(status).toEqual({
        tone: 'done',
        text: expect.stringMatching(
          /^\d+ monthly cohorts of [\d,]+ customers\. Tables and chart on sheet "Quadrant cohorts"\.$/,
        ),
      });
      const { tables, charts, scales } = await sheetOf('Quadrant cohorts');
      expect(tables.map((t) => t.name)).toEqual(['Retention', 'Active', 'Revenue', 'Retention_curve']);
      expect(charts.map((c) => [c.type, c.title])).toEqual([['LineMarkers', 'Retention curve']]);
      const retention = tables[0];
      expect(scales).toEqual([
        expect.objectContaining({ address: bodyColumns(retention.address, 2, retention.headers.length - 1) }),
      ]);
      expect(scales[0].criteria).toMatchObject({ minimum: { type: 'LowestValue' }, maximum: { type: 'HighestValue' } });
      expect(scales[0].criteria).not.toHaveProperty('midpoint');

      // The May 2024 cohort as the README quotes it from the API: 127 customers, 40% buying again the next month.
      const cells = await page.evaluate(
        (a) => window.__excelSim.cells('Quadrant cohorts', a),
        local(retention.address),
      );
      const may = cells.find((row) => row[0].value === '2024-05')!;
      expect(may[1].value).toBe(127);
      expect(may[2]).toMatchObject({ value: 1, format: '0.0%' });
      expect(may[3].value as number).toBeCloseTo(0.4, 2);
      // Cells past a cohort's last month are empty, not 0.
      expect(cells[cells.length - 1][3].value).toBe('');
      await expectSyncsWithinLimit(page);
    });

    test('Assign: new rows into a stored run, label, name and distance beside them; the run’s own rows keep their segments', async () => {
      // A run to assign to: Segment selection on the 400 customers.
      await page.evaluate(() => window.__excelSim.select('Customers', 'A1'));
      await page.click('[data-pane="segment"]');
      expect((await runAndWait(page, '#segment-button')).tone).toBe('done');
      const runs = await gql<{
        segmentations: { id: string; labels: (number | null)[]; segments: { label: number; name: string }[] }[];
      }>(server.url, '{ segmentations { id labels segments { label name } } }');
      const run = runs.data!.segmentations[0];
      expect(run.labels).toHaveLength(400);
      const names = new Map(run.segments.map((s) => [s.label, s.name]));

      await page.evaluate(() => window.__excelSim.select('New customers', 'A1'));
      await page.click('[data-pane="assign"]');
      await runAndWait(page, '#pane-assign .use-selection');
      // The newest run whose features this table has is offered first.
      expect(await page.inputValue('#assign-run')).toBe(run.id);
      const status = await runAndWait(page, '#pane-assign .run');
      expect(status).toEqual({
        tone: 'done',
        text: expect.stringMatching(
          /^150 rows placed in \d+ segments\. Results beside the rows in 'New customers'!J1:L151; Tables and chart on sheet "Quadrant assignment"\.$/,
        ),
      });
      const beside = await page.evaluate(() => window.__excelSim.cells('New customers', 'J1:L151'));
      expect(beside[0].map((c) => c.value)).toEqual(['Segment label', 'Segment', 'Distance']);
      for (const row of beside.slice(1)) {
        expect(names.get(row[0].value as number)).toBe(row[1].value);
        expect(row[1]).toMatchObject({ type: 'String', format: '@' });
        expect(row[2].value as number).toBeGreaterThanOrEqual(0);
        expect(row[2].format).toBe('0.000');
      }
      const { tables, charts } = await sheetOf('Quadrant assignment');
      expect(tables.map((t) => t.name)).toEqual(['Rows_per_segment']);
      expect(charts.map((c) => [c.type, c.title])).toEqual([['ColumnClustered', 'Rows per segment']]);
      const counts = await page.evaluate(
        (a) => window.__excelSim.values('Quadrant assignment', a),
        local(tables[0].address),
      );
      expect(counts.slice(1).reduce((n, row) => n + (row[2] as number), 0)).toBe(150);

      // The run's own rows, assigned again, land in the segments the run gave them.
      await page.evaluate(() => window.__excelSim.select('Same customers', 'A1'));
      await runAndWait(page, '#pane-assign .use-selection');
      expect((await runAndWait(page, '#pane-assign .run')).tone).toBe('done');
      const again = await page.evaluate(() => window.__excelSim.values('Same customers', 'J2:J401'));
      expect(again.map((row) => row[0])).toEqual(run.labels.map((l) => l ?? ''));

      // Beside cells taken: the pane asks before inserting, as Segment does.
      await page.click('#pane-assign .run');
      await page.waitForSelector('#confirm:not([hidden])');
      expect(await page.textContent('#confirm-text')).toContain(
        "Cells 'Same customers'!J1:L401 beside the selection are not empty",
      );
      await page.click('#confirm-cancel');
      await page.waitForSelector('#status[data-tone="idle"]');
      expect(await page.textContent('#status')).toBe('Nothing was written.');
      await expectSyncsWithinLimit(page);
    });
  });

  describe('the other panes, one run each on the demo data', () => {
    let page: Page;
    beforeAll(async () => {
      ({ page } = await openPane(browser, server.url, host));
      await setUp(
        page,
        [
          demoSheet('Website events', 'Events'),
          demoSheet('Users', 'Users'),
          demoSheet('Channel costs', 'Costs'),
          demoSheet('E-mail campaign', 'Campaign'),
          demoSheet('Department sales', 'Sales'),
        ],
        'A1',
      );
    });
    afterAll(() => page.close());

    const newSheet = async (name: string) => {
      const sheets = await page.evaluate(() => window.__excelSim.sheetNames());
      expect(sheets).toContain(name);
      const tables = (await page.evaluate(() => window.__excelSim.tables())).filter((t) => t.sheet === name);
      const charts = (await page.evaluate(() => window.__excelSim.charts())).filter((c) => c.sheet === name);
      return { tables, charts };
    };

    test('Funnel: steps guessed from the events, users per step as a column chart; a 300 KB limit only makes blocks smaller', async () => {
      await page.evaluate(() => window.__excelSim.configure({ limitBytes: 300_000 }));
      await page.click('[data-pane="funnel"]');
      await runAndWait(page, '#pane-funnel .use-selection');
      expect(await page.inputValue('#funnel-user')).toBe('user_id');
      expect(await page.inputValue('#funnel-step')).toBe('step');
      expect(await page.inputValue('#funnel-time')).toBe('timestamp');
      expect(await page.inputValue('#funnel-steps')).toBe('visit, signup, trial, paid');
      const status = await runAndWait(page, '#pane-funnel .run');
      expect(status.tone).toBe('done');
      const { tables, charts } = await newSheet('Quadrant funnel');
      expect(tables.map((t) => t.name)).toEqual(['FunnelSteps', 'FunnelTimeToConvert']);
      expect(charts.map((c) => [c.type, c.title])).toEqual([
        ['ColumnClustered', 'Users per step'],
        ['ColumnClustered', 'Hours from the previous step: median and 90th percentile'],
      ]);
      // The same report as the API gives for the same rows: nothing lost when blocks were halved.
      const events = demoSheet('Website events', 'Events');
      const direct = await gql<{ funnel: { users: number } }>(
        server.url,
        'query($t: TableInput!) { funnel(input: { table: $t, userColumn: "user_id", stepColumn: "step", timeColumn: "timestamp", steps: ["visit", "signup", "trial", "paid"], order: ORDERED }) { users } }',
        {
          t: {
            header: events.rows[0],
            rows: events.rows
              .slice(1)
              .map((r) =>
                r.map((c, j) =>
                  j === 2 ? new Date(((c as number) - 25569) * 86400000).toISOString().slice(0, 19) : c,
                ),
              ),
          },
        },
      );
      const steps = tables[0].address;
      const users = await page.evaluate((a) => window.__excelSim.values('Quadrant funnel', a), local(steps));
      expect(users[1][1]).toBe(direct.data!.funnel.users);
      const all = await expectSyncsWithinLimit(page, true);
      expect(all.some((s) => s.failed === 'ResponsePayloadSizeLimitExceeded')).toBe(true);
      await page.evaluate(() => {
        window.__excelSim.configure({ limitBytes: 5 * 1024 * 1024 });
        window.__excelSim.syncs.length = 0;
      });
    });

    test('Funnel with user attributes from a second table: the breakdown joined by user', async () => {
      await page.evaluate(() => window.__excelSim.select('Users', 'A1'));
      await runAndWait(page, '#pane-funnel .use-second');
      expect(await page.inputValue('#attributes-user')).toBe('user_id');
      expect(await page.inputValue('#attributes-column')).toBe('segment');
      await page.evaluate(() => window.__excelSim.select('Events', 'A1'));
      expect((await runAndWait(page, '#pane-funnel .run')).tone).toBe('done');
      const { tables, charts } = await newSheet('Quadrant funnel (2)');
      expect(tables.map((t) => t.name)).toEqual(['FunnelSteps2', 'FunnelTimeToConvert2', 'FunnelBreakdown']);
      expect(charts.map((c) => c.title)).toEqual([
        'Users per step',
        'Hours from the previous step: median and 90th percentile',
        'Conversion to paid by value',
      ]);
    });

    test('Channels: users with costs as a second table, ROAS by channel as a bar chart', async () => {
      await page.evaluate(() => window.__excelSim.select('Costs', 'A1'));
      await page.click('[data-pane="channels"]');
      await runAndWait(page, '#pane-channels .use-second');
      expect(await page.inputValue('#costs-spend')).toBe('spend');
      await page.evaluate(() => window.__excelSim.select('Users', 'B3'));
      await runAndWait(page, '#pane-channels .use-selection');
      expect(await page.inputValue('#channels-channel')).toBe('acquisition_channel');
      expect(await page.inputValue('#channels-converted')).toBe('converted');
      expect(await page.inputValue('#channels-value')).toBe('ltv');
      expect((await runAndWait(page, '#pane-channels .run')).tone).toBe('done');
      const { tables, charts } = await newSheet('Quadrant channels');
      expect(tables.map((t) => t.name)).toEqual(['Channels', 'ChannelsBySegment']);
      expect(charts.map((c) => [c.type, c.title])).toEqual([['BarClustered', 'ROAS by channel']]);
    });

    test('Channels with a gross margin and a customer lifetime: profitability and payback, CPA against break-even', async () => {
      await page.fill('#channels-margin', '150');
      const refused = await runAndWait(page, '#pane-channels .run');
      expect(refused).toEqual({
        tone: 'error',
        text: 'Gross margin must be a percentage above 0 and at most 100; got "150".',
      });
      await page.fill('#channels-margin', '40');
      await page.fill('#channels-lifetime', '24');
      expect((await runAndWait(page, '#pane-channels .run')).tone).toBe('done');
      const { tables, charts } = await newSheet('Quadrant channels (2)');
      expect(tables.map((t) => t.name)).toEqual(['Channels2', 'ChannelProfitability', 'ChannelsBySegment2']);
      expect(charts.map((c) => c.title)).toEqual(['ROAS by channel', 'CPA against break-even CPA by channel']);
      const read = (address: string) =>
        page.evaluate(([a]) => window.__excelSim.values('Quadrant channels (2)', a), [local(address)]);
      const channels = await read(tables[0].address);
      const profitability = await read(tables[1].address);
      const averageValue = channels[0].indexOf('Average value');
      const breakEven = profitability[0].indexOf('Break-even CPA');
      const payback = profitability[0].indexOf('Payback months');
      const cpa = profitability[0].indexOf('CPA');
      for (let r = 1; r < channels.length; r++) {
        expect(profitability[r][0]).toBe(channels[r][0]);
        // A channel without conversions has no average value, so no break-even CPA: both cells are empty.
        if (channels[r][averageValue] === '') {
          expect(profitability[r][breakEven]).toBe('');
          continue;
        }
        expect(profitability[r][breakEven]).toBeCloseTo((channels[r][averageValue] as number) * 0.4, 9);
        // Payback = CPA ÷ (average value × margin ÷ lifetime), for channels with spend.
        if (typeof profitability[r][cpa] === 'number') {
          expect(profitability[r][payback]).toBeCloseTo(
            (profitability[r][cpa] as number) / (((channels[r][averageValue] as number) * 0.4) / 24),
            9,
          );
        }
      }
      await page.fill('#channels-margin', '');
      await page.fill('#channels-lifetime', '');
    });

    test('Experiment: control guessed, conversion rate by variant as a column chart', async () => {
      await page.evaluate(() => window.__excelSim.select('Campaign', 'A1'));
      await page.click('[data-pane="experiment"]');
      await runAndWait(page, '#pane-experiment .use-selection');
      expect(await page.inputValue('#experiment-variant')).toBe('group');
      expect(await page.inputValue('#experiment-control')).toBe('control');
      const status = await runAndWait(page, '#pane-experiment .run');
      expect(status.tone).toBe('done');
      const { tables, charts } = await newSheet('Quadrant experiment');
      expect(tables.map((t) => t.name)).toEqual(['Variants', 'ExperimentTests']);
      expect(charts.map((c) => [c.type, c.title])).toEqual([['ColumnClustered', 'Conversion rate by variant']]);
    });

    test('Compare: 2025 against 2024 by department and segment, growth as a bar chart', async () => {
      await page.evaluate(() => window.__excelSim.select('Sales', 'A1:F37882'));
      await page.click('[data-pane="compare"]');
      await runAndWait(page, '#pane-compare .use-selection');
      expect(await page.inputValue('#compare-period')).toBe('year');
      expect(await page.inputValue('#compare-base')).toBe('2024');
      expect(await page.inputValue('#compare-compare')).toBe('2025');
      expect(await page.inputValue('#compare-value')).toBe('sales');
      expect(await page.inputValue('#compare-dimensions')).toBe('department, segment, profile');
      const status = await runAndWait(page, '#pane-compare .run');
      expect(status).toEqual({
        tone: 'done',
        text: expect.stringMatching(
          /^2025 against 2024: [+-]\d+\.\d%\. Tables and chart on sheet "Quadrant comparison"\.$/,
        ),
      });
      const { tables, charts } = await newSheet('Quadrant comparison');
      expect(tables.map((t) => t.name)).toEqual(['Totals', 'By_department', 'By_segment', 'By_profile']);
      expect(charts.map((c) => [c.type, c.title])).toEqual([
        ['BarClustered', 'Growth by department'],
        ['BarClustered', 'Growth by segment'],
        ['BarClustered', 'Growth by profile'],
      ]);
      await expectSyncsWithinLimit(page);
    });
  });
});

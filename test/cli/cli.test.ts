import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { GraphQLSchema } from 'graphql';
import { runCli } from '../../cli/program';
import { buildQuadrantSchema } from '../../server/graphql/schema';
import { demoDatasets, type DemoDataset } from '../../server/demo';
import { channelLayout, type ChannelResultShape } from '../../shared/layout/channel-layout';
import { cohortLayout, type CohortReportShape } from '../../shared/layout/cohort-layout';
import { correlationLayout, type CorrelationReportShape } from '../../shared/layout/correlation-layout';
import { experimentLayout, type ExperimentResultShape } from '../../shared/layout/experiment-layout';
import { funnelLayout, type FunnelResultShape } from '../../shared/layout/funnel-layout';
import { periodComparisonLayout, type PeriodComparisonShape } from '../../shared/layout/period-comparison-layout';
import { segmentationLayout, type SegmentationResultShape } from '../../shared/layout/segmentation-layout';
import type { ResultLayout } from '../../shared/layout/types';
import { chartParts, expectedChartFormulas, expectSheetMatchesLayout, openWorkbook } from './workbook-checks';

let schema: GraphQLSchema;
let dir: string;
const demos = new Map<string, DemoDataset>();

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(...argv: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(schema, argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

/** Writes sheets of demo rows; `every` keeps every n-th row, so a slice still spans the data set (both years). */
async function writeWorkbook(path: string, sheets: [string, DemoDataset, number, number?][]): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  for (const [name, demo, rows, every = 1] of sheets) {
    const ws = workbook.addWorksheet(name);
    ws.addRow(demo.header);
    for (const row of demo.rows.filter((_, i) => i % every === 0).slice(0, rows)) ws.addRow(row);
  }
  await workbook.xlsx.writeFile(path);
}

function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

function leftovers(): string[] {
  return readdirSync(dir).filter((name) => name.endsWith('.tmp'));
}

/** Runs `command` with --json, then without, and checks the written results sheet and charts against the layout. */
async function roundTrip(args: string[], out: string, layoutOf: (report: never) => ResultLayout, sheetName: string) {
  const json = await cli(...args, '--json');
  expect(json).toMatchObject({ code: 0 });
  const report = JSON.parse(json.stdout);
  const written = await cli(...args, '--out', out);
  expect(written.code).toBe(0);
  expect(written.stdout).toContain(`${out}: sheet "${sheetName}"`);
  const layout = layoutOf(report as never);
  const workbook = await openWorkbook(out);
  expect(expectSheetMatchesLayout(workbook.getWorksheet(sheetName)!, layout)).toBeGreaterThan(0);
  const parts = await chartParts(out);
  const expected = expectedChartFormulas(layout, sheetName);
  expect(parts.formulas).toEqual(expected.formulas);
  expect(parts.anchors).toEqual(expected.anchors);
  return { report, layout, workbook, parts };
}

beforeAll(async () => {
  schema = await buildQuadrantSchema();
  dir = mkdtempSync(join(tmpdir(), 'quadrant-cli-'));
  for (const demo of demoDatasets()) demos.set(demo.name, demo);
  await writeWorkbook(join(dir, 'customers.xlsx'), [
    ['Notes', { name: 'n', description: '', header: ['Exported from the CRM'], rows: [] }, 0],
    ['Customers', demos.get('Customers')!, 600],
  ]);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('quadrant segment', () => {
  it('quadrant segment writes a copy with label and segment name beside every row, the results sheet and its charts', async () => {
    const input = join(dir, 'customers.xlsx');
    const before = sha256(input);
    const args = ['segment', input, '--sheet', 'Customers', '--features', 'clv,minutes_watched,region,channel'];
    args.push('--categorical', 'region,channel', '--k', 'auto', '--k-max', '6');
    const out = join(dir, 'labeled.xlsx');
    const { report, workbook, parts } = await roundTrip(
      args,
      out,
      (r: SegmentationResultShape) => segmentationLayout(r),
      'Quadrant segments',
    );
    expect(sha256(input)).toBe(before);
    expect(leftovers()).toEqual([]);

    const names = new Map<number, string>(
      report.segments.map((s: { label: number; name: string }) => [s.label, s.name]),
    );
    const data = workbook.getWorksheet('Customers')!;
    expect(data.getRow(1).values).toEqual([
      undefined,
      'customer_id',
      'minutes_watched',
      'clv',
      'region',
      'channel',
      'Segment label',
      'Segment',
    ]);
    const source = demos.get('Customers')!.rows;
    expect(report.labels).toHaveLength(600);
    report.labels.forEach((label: number, i: number) => {
      const row = data.getRow(i + 2);
      expect(row.getCell(1).value).toBe(source[i][0]);
      expect(row.getCell(3).value).toBe(source[i][2]);
      expect(row.getCell(6).value).toBe(label);
      expect(row.getCell(6).numFmt).toBe('#,##0');
      expect(row.getCell(7).value).toBe(names.get(label));
    });
    expect(workbook.worksheets.map((ws) => ws.name)).toEqual(['Notes', 'Customers', 'Quadrant segments']);
    expect(parts.types).toEqual(['barChart', 'lineChart', 'lineChart']);
    // Shares and category shares are percentages on the profile table.
    const sheet = workbook.getWorksheet('Quadrant segments')!;
    expect(sheet.getCell('D6').numFmt).toBe('0.0%');
  });

  it('quadrant segment on its own output adds a second results sheet and warns that the first one’s charts are not kept', async () => {
    const again = await cli(
      'segment',
      join(dir, 'labeled.xlsx'),
      '--sheet',
      'Customers',
      '--features',
      'clv',
      '--k',
      '2',
    );
    expect(again.code).toBe(0);
    expect(again.stderr).toContain(
      `${join(dir, 'labeled.xlsx')} has 3 charts that the copy does not keep (the original file keeps them)`,
    );
    const workbook = await openWorkbook(join(dir, 'labeled-segment.xlsx'));
    expect(workbook.worksheets.map((ws) => ws.name)).toEqual([
      'Notes',
      'Customers',
      'Quadrant segments',
      'Quadrant segments (2)',
    ]);
    expect(workbook.getWorksheet('Customers')!.getRow(1).values).toEqual([
      undefined,
      'customer_id',
      'minutes_watched',
      'clv',
      'region',
      'channel',
      'Segment label',
      'Segment',
      'Segment label (2)',
      'Segment (2)',
    ]);
  });

  it('quadrant segment --json prints the Segmentation as the API returns it, and writes nothing', async () => {
    const run = await cli(
      'segment',
      join(dir, 'customers.xlsx'),
      '--sheet',
      'Customers',
      '--features',
      'clv',
      '--k',
      '3',
      '--json',
    );
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ method: 'KMEANS', k: 3, rowCount: 600 });
    expect(existsSync(join(dir, 'customers-segment.xlsx'))).toBe(false);
  });

  it('quadrant segment --help lists the SegmentInput options with their defaults', async () => {
    const run = await cli('segment', '--help');
    expect(run.code).toBe(0);
    // Commander wraps descriptions to the terminal's width.
    run.stdout = run.stdout.replace(/\s+/g, ' ');
    expect(run.stdout).toContain('--k-max <n>');
    expect(run.stdout).toContain('Largest k scored (default 10');
    expect(run.stdout).toContain('--features <columns>');
    expect(run.stdout).toContain('(choices: "KMEANS", "WARD", "SCORES")');
  });
});

describe('quadrant funnel, channels, experiment, compare, rfm', () => {
  beforeAll(async () => {
    // One small workbook per analysis: every run reads (and copies) only the sheets it needs.
    await writeWorkbook(join(dir, 'events.xlsx'), [
      ['Website events', demos.get('Website events')!, 2000],
      ['Users', demos.get('Users')!, 5000],
    ]);
    await writeWorkbook(join(dir, 'users.xlsx'), [
      ['Users', demos.get('Users')!, 2000],
      ['Channel costs', demos.get('Channel costs')!, 100],
    ]);
    await writeWorkbook(join(dir, 'sales.xlsx'), [['Department sales', demos.get('Department sales')!, 2000, 19]]);
    await writeWorkbook(join(dir, 'transactions.xlsx'), [['Transactions', demos.get('Transactions')!, 2000]]);
    const costs = demos.get('Channel costs')!;
    writeFileSync(join(dir, 'costs.csv'), [costs.header, ...costs.rows].map((row) => row.join(',')).join('\n'));
    const email = demos.get('E-mail campaign')!;
    const csv = [email.header, ...email.rows.slice(0, 1500)].map((row) => row.join(',')).join('\n');
    writeFileSync(join(dir, 'campaign.csv'), csv);
  });

  it('quadrant funnel writes the steps table and the users-per-step chart', async () => {
    const args = ['funnel', join(dir, 'events.xlsx'), '--sheet', 'Website events', '--user-column', 'user_id'];
    args.push('--step-column', 'step', '--time-column', 'timestamp', '--steps', 'visit,signup,trial,paid');
    args.push('--attributes-sheet', 'Users', '--attributes-user-column', 'user_id', '--attributes-column', 'segment');
    const { report, parts } = await roundTrip(
      args,
      join(dir, 'funnel.xlsx'),
      (r: FunnelResultShape) => funnelLayout(r),
      'Quadrant funnel',
    );
    expect(report.breakdown.length).toBeGreaterThan(0);
    // Users per step, time to convert (median and p90 per step), conversion by breakdown value.
    expect((report as FunnelResultShape).steps[1].timeToConvert!.median).toBeGreaterThan(0);
    expect(parts.types).toEqual(['barChart', 'barChart', 'barChart']);
  });

  it('quadrant channels reads costs from a second file (--costs-file), charts ROAS and, with a margin, payback', async () => {
    const args = ['channels', join(dir, 'users.xlsx'), '--sheet', 'Users', '--channel-column', 'acquisition_channel'];
    args.push('--converted-column', 'converted', '--value-column', 'ltv', '--costs-file', join(dir, 'costs.csv'));
    args.push('--costs-channel-column', 'channel', '--costs-spend-column', 'spend', '--costs-clicks-column', 'clicks');
    args.push('--margin', '0.4', '--lifetime-months', '24');
    const { layout, report } = await roundTrip(
      args,
      join(dir, 'channels.xlsx'),
      (r: ChannelResultShape) => channelLayout(r),
      'Quadrant channels',
    );
    expect(layout.sheet.charts[0].title).toBe('ROAS by channel');
    const paid = (report as ChannelResultShape).channels.find((c) => c.spend != null && c.paybackMonths != null)!;
    expect(paid.breakEvenCpa).toBeCloseTo(paid.avgValue! * 0.4, 9);
    expect(layout.sheet.tables.map((t) => t.name)).toContain('ChannelProfitability');
    expect(layout.sheet.charts[1].title).toBe('CPA against break-even CPA by channel');
  });

  it('quadrant experiment reads a CSV file and writes it as a typed sheet beside the results', async () => {
    const input = join(dir, 'campaign.csv');
    const args = ['experiment', input, '--variant-column', 'group', '--control', 'control'];
    args.push('--conversion-column', 'converted', '--revenue-column', 'spend', '--segment-columns', 'customer_type');
    const { workbook } = await roundTrip(
      args,
      join(dir, 'campaign-experiment.xlsx'),
      (r: ExperimentResultShape) => experimentLayout(r),
      'Quadrant experiment',
    );
    const data = workbook.getWorksheet('campaign')!;
    const email = demos.get('E-mail campaign')!;
    expect(data.getRow(1).values).toEqual([undefined, ...email.header]);
    expect(data.getRow(2).values).toEqual([undefined, ...email.rows[0]]);
    expect(data.rowCount).toBe(1501);
  });

  it('quadrant compare writes one table and growth chart per dimension', async () => {
    const args = ['compare', join(dir, 'sales.xlsx'), '--sheet', 'Department sales', '--period-column', 'year'];
    args.push('--base', '2024', '--compare', '2025', '--dimensions', 'department,segment', '--value-column', 'sales');
    const { parts } = await roundTrip(
      args,
      join(dir, 'compare.xlsx'),
      (r: PeriodComparisonShape) => periodComparisonLayout(r),
      'Quadrant comparison',
    );
    expect(parts.formulas).toHaveLength(2);
  });

  it('quadrant rfm gives every transaction row its customer’s segment, recency, frequency and monetary value', async () => {
    const out = join(dir, 'rfm.xlsx');
    const run = await cli(
      'rfm',
      join(dir, 'transactions.xlsx'),
      '--sheet',
      'Transactions',
      '--customer-column',
      'customer_id',
      '--date-column',
      'date',
      '--amount-column',
      'amount',
      '--out',
      out,
    );
    expect(run.code).toBe(0);
    const workbook = await openWorkbook(out);
    const data = workbook.getWorksheet('Transactions')!;
    expect(data.getRow(1).values).toEqual([
      undefined,
      'customer_id',
      'date',
      'amount',
      'RFM segment',
      'Recency (days)',
      'Frequency',
      'Monetary',
      'R score',
      'F score',
      'M score',
    ]);
    // One customer, one set of values: every row of a customer carries the same segment and R, F, M.
    const byCustomer = new Map<string, string>();
    const customersOf = new Map<string, Set<string>>();
    for (let r = 2; r <= data.rowCount; r++) {
      const row = data.getRow(r);
      const customer = String(row.getCell(1).value);
      const values = JSON.stringify([4, 5, 6, 7, 8, 9, 10].map((c) => row.getCell(c).value));
      expect(byCustomer.get(customer) ?? values).toBe(values);
      byCustomer.set(customer, values);
      const segment = row.getCell(4).value as string | null;
      if (segment) (customersOf.get(segment) ?? customersOf.set(segment, new Set()).get(segment)!).add(customer);
    }
    // The segment table's customer counts are the distinct customers the rows were labelled with.
    const results = workbook.getWorksheet('Quadrant RFM')!;
    const sizes = new Map<string, number>();
    results.eachRow((row) => {
      const name = row.getCell(1).value;
      if (typeof name === 'string' && customersOf.has(name) && typeof row.getCell(2).value === 'number') {
        sizes.set(name, row.getCell(2).value as number);
      }
    });
    expect(sizes.size).toBe(customersOf.size);
    for (const [segment, customers] of customersOf) expect(sizes.get(segment)).toBe(customers.size);
  });
});

describe('quadrant correlations, cohorts', () => {
  it('quadrant correlations writes the matrix heat map, the p-values and the target’s bar chart', async () => {
    const args = ['correlations', join(dir, 'customers.xlsx'), '--sheet', 'Customers'];
    args.push('--columns', 'clv,minutes_watched,region', '--categorical', 'region', '--target', 'clv');
    const { report, layout } = await roundTrip(
      args,
      join(dir, 'correlations.xlsx'),
      (r: CorrelationReportShape) => correlationLayout(r, 'clv'),
      'Quadrant correlations',
    );
    expect(report.columns).toEqual(['clv', 'minutes_watched', 'region=0', 'region=1', 'region=2']);
    expect(layout.sheet.tables[0].colorScale).toEqual({ firstColumn: 1, lastColumn: 5, kind: 'correlation' });
  });

  it('quadrant cohorts writes the retention triangle and the retention curve', async () => {
    await writeWorkbook(join(dir, 'purchases.xlsx'), [['Transactions', demos.get('Transactions')!, 3000]]);
    const args = [
      'cohorts',
      join(dir, 'purchases.xlsx'),
      '--sheet',
      'Transactions',
      '--customer-column',
      'customer_id',
    ];
    args.push('--date-column', 'date', '--amount-column', 'amount', '--period', 'MONTH', '--periods', '6');
    const { report } = await roundTrip(
      args,
      join(dir, 'cohorts.xlsx'),
      (r: CohortReportShape) => cohortLayout(r),
      'Quadrant cohorts',
    );
    expect(report.period).toBe('MONTH');
    expect(report.cohorts[0].active).toHaveLength(6);
  });
});

describe('quadrant exit codes and bad input', () => {
  const customers = () => join(dir, 'customers.xlsx');

  it('usage mistakes exit 2: no command, an unknown option, a missing required option, a bad number, --out onto the input', async () => {
    expect((await cli()).code).toBe(2);
    expect((await cli('segment', customers(), '--features', 'clv', '--colour', 'red')).code).toBe(2);
    const missing = await cli('segment', customers());
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("required option '--features <columns>' not specified");
    const bad = await cli('segment', customers(), '--features', 'clv', '--k', '2.5');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--k wants a whole number, got "2.5"');
    const self = await cli('segment', customers(), '--features', 'clv', '--out', customers());
    expect(self).toMatchObject({ code: 2, stderr: expect.stringContaining('the original is never overwritten') });
    const nested = await cli('channels', customers(), '--channel-column', 'x', '--costs-sheet', 'Costs');
    expect(nested.code).toBe(2);
    expect(nested.stderr).toContain('--costs-channel-column is required with costs');
  });

  it.each([
    [['segment', 'nowhere.xlsx', '--features', 'clv'], 'nowhere.xlsx: cannot read the file (no such file)'],
    [
      ['segment', '@/customers.xlsx', '--sheet', 'Clients', '--features', 'clv'],
      'no sheet "Clients"; its sheets are "Notes", "Customers"',
    ],
    [['segment', '@/customers.xlsx', '--sheet', 'Customers', '--features', 'clv,spend'], 'no column "spend"'],
    [['segment', '@/broken.xlsx', '--features', 'clv'], 'broken.xlsx: the workbook is corrupt and cannot be read'],
    [
      ['segment', '@/data.xls', '--features', 'clv'],
      'data.xls: not an .xlsx or .csv file (an old binary .xls: save it as .xlsx)',
    ],
  ])('bad input exits 1 with one line naming it: %j', async (argv, message) => {
    writeFileSync(join(dir, 'broken.xlsx'), readFileSync(customers()).subarray(0, 2000));
    writeFileSync(join(dir, 'data.xls'), 'x');
    const run = await cli(...argv.map((a) => a.replace('@/', `${dir}/`)));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(message);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(leftovers()).toEqual([]);
  });

  it('an output Excel has open (its ~$ lock file beside it) or a folder as --out exits 1 and leaves no file behind', async () => {
    const out = join(dir, 'open.xlsx');
    writeFileSync(join(dir, '~$open.xlsx'), 'owner');
    const locked = await cli(
      'segment',
      customers(),
      '--sheet',
      'Customers',
      '--features',
      'clv',
      '--k',
      '2',
      '--out',
      out,
    );
    expect(locked.code).toBe(1);
    expect(locked.stderr).toBe(
      `error: ${out}: the file is open in Excel (lock file ~$open.xlsx); close it or choose another --out\n`,
    );
    expect(existsSync(out)).toBe(false);
    const folder = join(dir, 'folder.xlsx');
    mkdirSync(folder);
    const run = await cli(
      'segment',
      customers(),
      '--sheet',
      'Customers',
      '--features',
      'clv',
      '--k',
      '2',
      '--out',
      folder,
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('is a folder');
    const missing = await cli(
      'segment',
      customers(),
      '--sheet',
      'Customers',
      '--features',
      'clv',
      '--k',
      '2',
      '--out',
      join(dir, 'no', 'such', 'x.xlsx'),
    );
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('cannot write the file (the folder does not exist)');
    expect(leftovers()).toEqual([]);
  });

  it('formulas in data cells: their cached values are used, with a warning naming the sheet and cell', async () => {
    const workbook = new ExcelJS.Workbook();
    const ws = workbook.addWorksheet('Calc');
    ws.addRow(['id', 'spend', 'visits']);
    for (let i = 0; i < 20; i++) ws.addRow([`c${i}`, { formula: `${i}*10`, result: i * 10 }, i % 7]);
    const input = join(dir, 'formulas.xlsx');
    await workbook.xlsx.writeFile(input);
    const run = await cli('segment', input, '--features', 'spend,visits', '--k', '2', '--json');
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(
      'formulas.xlsx, sheet "Calc": 20 data cells hold formulas (first B2); their cached values were used',
    );
    expect(JSON.parse(run.stdout).rowCount).toBe(20);
  });
});

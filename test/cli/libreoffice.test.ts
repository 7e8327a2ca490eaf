/**
 * Another spreadsheet program opens the CLI's workbook and imports its charts as charts: LibreOffice (headless)
 * converts it to .ods, whose chart objects must plot the same cells, and renders the results sheet to PDF and PNG
 * (kept in test/artifacts/ for people to look at). CI installs `libreoffice-calc` and `poppler-utils`.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { runCli } from '../../cli/program';
import { demoDatasets } from '../../server/demo';
import { buildQuadrantSchema } from '../../server/graphql/schema';
import { cellA1 } from '../../shared/layout/a1';
import { placeSheet } from '../../shared/layout/place-sheet';
import { segmentationLayout } from '../../shared/layout/segmentation-layout';

const ARTIFACTS = join(__dirname, '..', 'artifacts');
const SHEET = 'Quadrant segments';
let dir: string;

/** One LibreOffice run with its own profile, so parallel runs never share (and lock) one. */
function soffice(args: string[]): void {
  const profile = join(tmpdir(), `quadrant-lo-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    execFileSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', ...args], {
      stdio: 'pipe',
      timeout: 60_000,
    });
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

/** The package with every sheet but `sheet` taken out of the workbook, to print that sheet alone. */
async function onlySheet(path: string, sheet: string, target: string): Promise<void> {
  const zip = await JSZip.loadAsync(readFileSync(path));
  const workbook = await zip.file('xl/workbook.xml')!.async('string');
  const kept = workbook.replace(/<sheet [^>]*\/>/g, (tag) => (tag.includes(`name="${sheet}"`) ? tag : ''));
  zip.file('xl/workbook.xml', kept.replace(/activeTab="\d+"/, 'activeTab="0"'));
  writeFileSync(target, await zip.generateAsync({ type: 'uint8array' }));
}

let out: string;
let report: Parameters<typeof segmentationLayout>[0];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'quadrant-lo-test-'));
  const customers = demoDatasets().find((d) => d.name === 'Customers')!;
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet('Customers');
  ws.addRow(customers.header);
  for (const row of customers.rows.slice(0, 400)) ws.addRow(row);
  const input = join(dir, 'customers.xlsx');
  await workbook.xlsx.writeFile(input);
  const schema = await buildQuadrantSchema();
  const args = [
    'segment',
    input,
    '--features',
    'clv,minutes_watched,region,channel',
    '--categorical',
    'region,channel',
  ];
  args.push('--key-column', 'customer_id', '--k-max', '8');
  let stdout = '';
  const io = { stdout: (t: string) => (stdout += t), stderr: () => undefined };
  expect(await runCli(schema, [...args, '--json'], io)).toBe(0);
  report = JSON.parse(stdout);
  out = join(dir, 'labeled.xlsx');
  expect(await runCli(schema, [...args, '--out', out], io)).toBe(0);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('LibreOffice opens the CLI workbook', () => {
  it('converts it to .ods with one chart object per layout chart, plotting the same cells', async () => {
    soffice(['--convert-to', 'ods', '--outdir', dir, out]);
    const ods = await JSZip.loadAsync(readFileSync(join(dir, 'labeled.ods')));
    const content = await ods.file('content.xml')!.async('string');
    const objects = [...content.matchAll(/<draw:object [^>]*xlink:href="\.\/(Object \d+)"/g)].map((m) => m[1]);
    const placement = placeSheet(segmentationLayout(report).sheet);
    expect(objects).toHaveLength(placement.charts.length);

    const ref = (row: number, column: number) => `'${SHEET}'.${cellA1(row, column)}`;
    const expected = placement.charts.map((placed) => {
      const table = placement.tables.find((t) => t.table.name === placed.chart.table)!;
      const category = table.firstColumn + placed.chart.categoryColumn;
      const value = table.firstColumn + placed.chart.valueColumns[0];
      return {
        class: placed.chart.type === 'LineMarkers' ? 'chart:line' : 'chart:bar',
        categories: `${ref(table.headerRow + 1, category)}:${ref(table.lastRow, category)}`,
        values: `${ref(table.headerRow + 1, value)}:${ref(table.lastRow, value)}`,
      };
    });
    const imported = [];
    for (const object of objects) {
      const chart = (await ods.file(`${object}/content.xml`)!.async('string')).replace(/&apos;/g, "'");
      imported.push({
        class: /<chart:chart [^>]*chart:class="([^"]+)"/.exec(chart)?.[1],
        categories: /<chart:categories table:cell-range-address="([^"]+)"/.exec(chart)?.[1],
        values: /<chart:series [^>]*chart:values-cell-range-address="([^"]+)"/.exec(chart)?.[1],
      });
    }
    expect(imported).toEqual(expected);
  });

  it('renders the results sheet to PDF and PNG (test/artifacts/segment-results.png)', async () => {
    const single = join(dir, 'results.xlsx');
    await onlySheet(out, SHEET, single);
    soffice([
      '--convert-to',
      'pdf:calc_pdf_Export:{"SinglePageSheets":{"type":"boolean","value":"true"}}',
      '--outdir',
      dir,
      single,
    ]);
    const pdf = join(dir, 'results.pdf');
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    execFileSync('pdftoppm', ['-png', '-r', '80', '-singlefile', pdf, join(dir, 'segment-results')]);
    const png = join(dir, 'segment-results.png');
    // A page with three charts and three tables: far more than a blank page's few hundred bytes.
    expect(statSync(png).size).toBeGreaterThan(40_000);
    mkdirSync(ARTIFACTS, { recursive: true });
    copyFileSync(png, join(ARTIFACTS, 'segment-results.png'));
    copyFileSync(out, join(ARTIFACTS, 'segment-labeled.xlsx'));
  });
});

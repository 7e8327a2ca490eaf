import ExcelJS from 'exceljs';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningServer } from '../../server/bootstrap';
import { customersDataset } from '../../server/demo/customers';
import { transactionsDataset } from '../../server/demo/transactions';
import { segmentationLayout, type SegmentationResultShape } from '../../shared/layout/segmentation-layout';
import { chartParts, expectedChartFormulas, expectSheetMatchesLayout } from '../cli/workbook-checks';
import { backends, closeTestServer, gql, openTestServer, type TestStorage } from './helpers/server';

const IMPORT = `mutation($input: ImportDatasetInput!) { importDataset(input: $input) { id name rowCount columns { name type } } }`;
const EXPORT = `mutation($id: ID!) { exportWorkbook(segmentationId: $id) { fileName base64 bytes } }`;
const SEGMENT = `mutation($input: SegmentInput!) {
  segment(input: $input) {
    id method k rowCount labels silhouette inertia recommendedK recommendationReason elbowK outlierRows warnings
    kSelection { k inertia silhouette }
    segments { label name size share isOutlier silhouette features { name mean overallMean difference }
               categories { column level share overallShare } }
  }
}`;

async function base64Workbook(build: (workbook: ExcelJS.Workbook) => void): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  build(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
}

async function openBase64(base64: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(base64, 'base64') as unknown as ExcelJS.Buffer);
  return workbook;
}

const customers = customersDataset(42);

describe.each(backends())('workbooks over GraphQL on %s', (backend) => {
  let storage: TestStorage;
  let server: RunningServer;
  let dir: string;

  beforeAll(async () => {
    ({ storage, server } = await openTestServer(backend));
    dir = mkdtempSync(join(tmpdir(), 'quadrant-export-'));
  });
  afterAll(async () => {
    await closeTestServer(server, storage);
    rmSync(dir, { recursive: true, force: true });
  });

  it('importDataset({ xlsx, sheet }) imports the table on that sheet', async () => {
    const xlsx = await base64Workbook((wb) => {
      wb.addWorksheet('Notes').addRow(['Exported from the CRM']);
      const ws = wb.addWorksheet('Customers');
      ws.addRow(customers.header);
      customers.rows.slice(0, 300).forEach((row) => ws.addRow(row));
    });
    const res = await gql(server.url, IMPORT, { input: { name: 'Customers', xlsx, sheet: 'Customers' } });
    expect(res.errors).toBeUndefined();
    expect(res.data!.importDataset).toMatchObject({
      name: 'Customers',
      rowCount: 300,
      columns: [
        { name: 'customer_id', type: 'TEXT' },
        { name: 'minutes_watched', type: 'NUMBER' },
        { name: 'clv', type: 'NUMBER' },
        { name: 'region', type: 'NUMBER' },
        { name: 'channel', type: 'NUMBER' },
      ],
    });
  });

  it('importDataset({ xlsx }) keeps the formula warning with the dataset: in its answer and whenever it is read', async () => {
    const xlsx = await base64Workbook((wb) => {
      const ws = wb.addWorksheet('Data');
      ws.addRow(['spend', 'doubled']);
      ws.addRow([1, { formula: 'A2*2', result: 2 }]);
      ws.addRow([2, { formula: 'A3*2', result: 4 }]);
    });
    const warning = 'xlsx, sheet "Data": 2 data cells hold formulas (first B2); their cached values were used';
    const res = await gql(
      server.url,
      'mutation($input: ImportDatasetInput!) { importDataset(input: $input) { id warnings } }',
      {
        input: { name: 'Formulas', xlsx },
      },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.importDataset.warnings).toEqual([warning]);
    const read = await gql(server.url, 'query($id: ID!) { dataset(id: $id) { warnings } }', {
      id: res.data!.importDataset.id,
    });
    expect(read.data!.dataset.warnings).toEqual([warning]);
    const plain = await gql(server.url, IMPORT.replace('columns {', 'warnings columns {'), {
      input: { name: 'Plain', csv: 'a,b\n1,2\n' },
    });
    expect(plain.data!.importDataset.warnings).toEqual([]);
  });

  it('importDataset refuses a missing sheet, a merged header, bad base64 and two sources, storing nothing', async () => {
    const before = (await gql(server.url, '{ datasets { id } }')).data!.datasets.length;
    const merged = await base64Workbook((wb) => {
      const ws = wb.addWorksheet('Sheet1');
      ws.addRow(['id', 'spend', null]);
      ws.addRow(['a', 1, 2]);
      ws.mergeCells('B1:C1');
    });
    const cases: [Record<string, unknown>, string][] = [
      [{ xlsx: merged, sheet: 'Data' }, 'xlsx: no sheet "Data"; its sheets are "Sheet1"'],
      [{ xlsx: merged }, 'xlsx, sheet "Sheet1", column B: the header cell B1 is merged (B1:C1)'],
      [{ xlsx: 'not base64!' }, 'xlsx: not base64 text'],
      [{ xlsx: Buffer.from('id,x\n1,2\n').toString('base64') }, 'xlsx: not an .xlsx workbook'],
      [{ xlsx: merged, csv: 'a\n1\n' }, 'importDataset: give exactly one of csv, table and xlsx'],
      [{ csv: 'a\n1\n', sheet: 'Data' }, 'sheet: applies to an xlsx import'],
    ];
    for (const [input, message] of cases) {
      const res = await gql(server.url, IMPORT, { input: { name: 'Bad', ...input } });
      expect(res.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
      expect(res.errors![0].message).toContain(message);
    }
    expect((await gql(server.url, '{ datasets { id } }')).data!.datasets).toHaveLength(before);
  });

  it('exportWorkbook(segmentationId) returns the dataset with label and segment beside each row, and the results sheet with charts', async () => {
    const datasets = (await gql(server.url, '{ datasets { id name } }')).data!.datasets;
    const datasetId = datasets.find((d: { name: string }) => d.name === 'Customers').id;
    const run = await gql(server.url, SEGMENT, {
      input: { datasetId, features: ['clv', 'minutes_watched', 'region'], categorical: ['region'], kMax: 5 },
    });
    expect(run.errors).toBeUndefined();
    const segmentation = run.data!.segment as SegmentationResultShape & { id: string };
    const res = await gql(server.url, EXPORT, { id: segmentation.id });
    expect(res.errors).toBeUndefined();
    const file = res.data!.exportWorkbook;
    expect(file.fileName).toBe('Customers-segments.xlsx');
    expect(Buffer.from(file.base64, 'base64').length).toBe(file.bytes);

    const workbook = await openBase64(file.base64);
    expect(workbook.worksheets.map((ws) => ws.name)).toEqual(['Customers', 'Quadrant segments']);
    const data = workbook.getWorksheet('Customers')!;
    expect(data.getRow(1).values).toEqual([undefined, ...customers.header, 'Segment label', 'Segment']);
    const names = new Map(segmentation.segments.map((s) => [s.label, s.name]));
    segmentation.labels.forEach((label, i) => {
      const row = data.getRow(i + 2);
      expect(row.getCell(1).value).toBe(customers.rows[i][0]);
      expect(row.getCell(6).value).toBe(label);
      expect(row.getCell(7).value).toBe(names.get(label!));
    });
    const layout = segmentationLayout(segmentation);
    expectSheetMatchesLayout(workbook.getWorksheet('Quadrant segments')!, layout);
    const path = join(dir, file.fileName);
    writeFileSync(path, Buffer.from(file.base64, 'base64'));
    const parts = await chartParts(path);
    expect(parts.formulas).toEqual(expectedChartFormulas(layout, 'Quadrant segments').formulas);
  });

  it('exportWorkbook of an inline-table run has the members and the results sheet', async () => {
    const header = ['id', 'spend', 'visits'];
    const rows = Array.from({ length: 40 }, (_, i) => [`u${i}`, (i % 4) * 100 + i, i % 3]);
    const run = await gql(server.url, SEGMENT, {
      input: { table: { header, rows }, features: ['spend', 'visits'], k: 2, keyColumn: 'id', name: 'Inline test' },
    });
    const segmentation = run.data!.segment as SegmentationResultShape & { id: string };
    const file = (await gql(server.url, EXPORT, { id: segmentation.id })).data!.exportWorkbook;
    expect(file.fileName).toBe('Inline test-segments.xlsx');
    const workbook = await openBase64(file.base64);
    expect(workbook.worksheets.map((ws) => ws.name)).toEqual(['Members', 'Quadrant segments']);
    const members = workbook.getWorksheet('Members')!;
    expect(members.getRow(1).values).toEqual([undefined, 'Row', 'Key', 'Segment label', 'Segment']);
    expect(members.rowCount).toBe(41);
    const names = new Map(segmentation.segments.map((s) => [s.label, s.name]));
    expect(members.getRow(5).values).toEqual([
      undefined,
      4,
      'u3',
      segmentation.labels[3],
      names.get(segmentation.labels[3]!),
    ]);
  });

  it('exportWorkbook of a rowMetrics run lists each member’s distance to its centre and silhouette', async () => {
    const header = ['id', 'spend', 'visits'];
    const rows = Array.from({ length: 40 }, (_, i) => [`u${i}`, (i % 4) * 100 + i, i % 3]);
    const run = await gql(
      server.url,
      `mutation($input: SegmentInput!) { segment(input: $input) { id rowDistances rowSilhouettes } }`,
      { input: { table: { header, rows }, features: ['spend', 'visits'], k: 2, rowMetrics: true } },
    );
    const { id, rowDistances, rowSilhouettes } = run.data!.segment;
    const file = (await gql(server.url, EXPORT, { id })).data!.exportWorkbook;
    const members = (await openBase64(file.base64)).getWorksheet('Members')!;
    expect(members.getRow(1).values).toEqual([
      undefined,
      'Row',
      'Key',
      'Segment label',
      'Segment',
      'Distance to centre',
      'Silhouette',
    ]);
    rows.forEach((_, i) => {
      expect(members.getRow(i + 2).getCell(5).value).toBe(rowDistances[i]);
      expect(members.getRow(i + 2).getCell(6).value).toBe(rowSilhouettes[i]);
    });
    expect(members.getColumn(6).numFmt).toBe('0.000');
  });

  it('exportWorkbook of an RFM run on a dataset gives each transaction its customer’s segment and R, F, M', async () => {
    const transactions = transactionsDataset(42);
    const imported = await gql(server.url, IMPORT, {
      input: { name: 'Transactions', table: { header: transactions.header, rows: transactions.rows.slice(0, 1500) } },
    });
    const rfm = await gql(
      server.url,
      `mutation($input: RfmInput!) { rfm(input: $input) { id segments { name size } } }`,
      {
        input: {
          datasetId: imported.data!.importDataset.id,
          customerColumn: 'customer_id',
          dateColumn: 'date',
          amountColumn: 'amount',
        },
      },
    );
    expect(rfm.errors).toBeUndefined();
    const file = (await gql(server.url, EXPORT, { id: rfm.data!.rfm.id })).data!.exportWorkbook;
    const workbook = await openBase64(file.base64);
    expect(workbook.worksheets.map((ws) => ws.name)).toEqual(['Transactions', 'Quadrant RFM']);
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
    // Distinct customers per segment name in the rows = each segment's size.
    const customersOf = new Map<string, Set<unknown>>();
    for (let r = 2; r <= data.rowCount; r++) {
      const segment = data.getRow(r).getCell(4).value as string | null;
      if (segment)
        (customersOf.get(segment) ?? customersOf.set(segment, new Set()).get(segment)!).add(
          data.getRow(r).getCell(1).value,
        );
    }
    for (const segment of rfm.data!.rfm.segments) expect(customersOf.get(segment.name)?.size ?? 0).toBe(segment.size);
  });

  it('exportWorkbook of an unknown run is NOT_FOUND', async () => {
    const res = await gql(server.url, EXPORT, { id: '00000000-0000-4000-8000-000000000000' });
    expect(res.errors?.[0]).toMatchObject({ extensions: { code: 'NOT_FOUND' } });
  });
});

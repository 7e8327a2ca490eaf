import type { RunningServer } from '../../server/bootstrap';
import { datasetId, gql, type TestStorage, openTestServer, closeTestServer } from './helpers/server';

describe('periodComparison over HTTP', () => {
  let storage: TestStorage;
  let server: RunningServer;

  beforeAll(async () => ({ storage, server } = await openTestServer('sqlite', { seedDemo: true })));
  afterAll(() => closeTestServer(server, storage));

  it('compares department sales year over year, keeping departments that exist in one year only', async () => {
    const id = await datasetId(server.url, 'Department sales');
    const res = await gql(
      server.url,
      `query($input: PeriodComparisonInput!) { periodComparison(input: $input) {
        base compare counts warnings
        totals { baseTotal compareTotal change growth baseCustomers compareCustomers baseAverageTicket compareAverageTicket }
        rows { dimension value baseTotal compareTotal growth baseShare compareShare shareChange onlyIn }
      } }`,
      {
        input: {
          datasetId: id,
          periodColumn: 'year',
          base: '2024',
          compare: '2025',
          dimensions: ['department', 'segment'],
          valueColumn: 'sales',
          customersColumn: 'customer_id',
        },
      },
    );
    expect(res.errors).toBeUndefined();
    const report = res.data!.periodComparison;
    expect(report.counts).toBe('CUSTOMERS');
    const t = report.totals;
    expect(t.change).toBeCloseTo(t.compareTotal - t.baseTotal, 6);
    expect(t.growth).toBeCloseTo((t.compareTotal - t.baseTotal) / t.baseTotal, 12);
    expect(t.baseAverageTicket).toBeCloseTo(t.baseTotal / t.baseCustomers, 9);
    const departments = report.rows.filter((r: { dimension: string }) => r.dimension === 'department');
    const sum = (key: string) => departments.reduce((s: number, r: Record<string, number>) => s + (r[key] ?? 0), 0);
    expect(sum('baseShare')).toBeCloseTo(1, 12);
    expect(sum('compareShare')).toBeCloseTo(1, 12);
    expect(sum('baseTotal')).toBeCloseTo(t.baseTotal, 6);
    expect(departments.some((r: { onlyIn: string }) => r.onlyIn === 'COMPARE')).toBe(true);
    expect(departments.some((r: { onlyIn: string }) => r.onlyIn === 'BASE')).toBe(true);
  });

  it('names the periods found when a period is unknown', async () => {
    const id = await datasetId(server.url, 'Department sales');
    const res = await gql(
      server.url,
      'query($input: PeriodComparisonInput!) { periodComparison(input: $input) { base } }',
      {
        input: {
          datasetId: id,
          periodColumn: 'year',
          base: '2023',
          compare: '2025',
          dimensions: ['department'],
          valueColumn: 'sales',
        },
      },
    );
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].message).toMatch(/2023.*2024.*2025|2024.*2025.*2023/s);
  });
});

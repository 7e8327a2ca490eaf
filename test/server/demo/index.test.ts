import { demoDatasets } from '../../../server/demo/index';
import { tableFromCells } from '../../../shared/table/from-cells';

const datasets = demoDatasets();
const ISO_DATE = /^\d{4}-\d\d-\d\d(T\d\d:\d\d:\d\dZ)?$/;

describe('demoDatasets(seed)', () => {
  it('gives the eight demo sets under distinct names with descriptions', () => {
    expect(datasets.map((d) => d.name)).toEqual([
      'CRM usage',
      'Customers',
      'Website events',
      'Users',
      'Channel costs',
      'E-mail campaign',
      'Transactions',
      'Department sales',
    ]);
    for (const d of datasets) expect(d.description.length).toBeGreaterThan(80);
  });

  it('is deterministic: the default seed is 42 and the same seed gives identical cells', () => {
    // Compared as JSON text: cells are plain numbers, strings and nulls, and deep equality over 80,000 rows is slow.
    expect(JSON.stringify(demoDatasets(42))).toBe(JSON.stringify(datasets));
    expect(JSON.stringify(demoDatasets(7))).toBe(JSON.stringify(demoDatasets(7)));
  });

  it('gives different cells in every set for a different seed', () => {
    const other = demoDatasets(43);
    datasets.forEach((d, i) => {
      expect(other[i].header).toEqual(d.header);
      expect(JSON.stringify(other[i].rows)).not.toBe(JSON.stringify(d.rows));
    });
  });

  it.each(datasets.map((d) => [d.name, d] as const))('%s: every row has one cell per unique header', (_, d) => {
    expect(new Set(d.header).size).toBe(d.header.length);
    expect(d.rows.filter((row) => row.length !== d.header.length)).toEqual([]);
  });

  it.each(datasets.map((d) => [d.name, d] as const))(
    '%s: each column holds one cell type, finite numbers, ISO dates',
    (_, d) => {
      d.header.forEach((name, c) => {
        const present = d.rows.map((row) => row[c]).filter((cell) => cell !== null);
        const types = [...new Set(present.map((cell) => typeof cell))];
        expect({ name, types }).toEqual({ name, types: [expect.stringMatching(/^(number|string)$/)] });
        const bad = present.filter((cell) =>
          typeof cell === 'number'
            ? !Number.isFinite(cell)
            : typeof cell !== 'string' ||
              cell.trim() === '' ||
              (['date', 'timestamp', 'month'].includes(name) &&
                (!ISO_DATE.test(cell) || Number.isNaN(Date.parse(cell)))),
        );
        expect({ name, bad: bad.slice(0, 3) }).toEqual({ name, bad: [] });
      });
    },
  );

  it('imports through tableFromCells with the column types the analyses expect', () => {
    const types = Object.fromEntries(
      datasets.map((d) => [d.name, tableFromCells(d.header, d.rows).columns.map((c) => `${c.name}:${c.type}`)]),
    );
    expect(types).toEqual({
      'CRM usage': [
        'account_id:TEXT',
        'active_days:NUMBER',
        'visualisations:NUMBER',
        'exports:NUMBER',
        'dashboards:NUMBER',
        'conversions:NUMBER',
        'ltv:NUMBER',
      ],
      Customers: ['customer_id:TEXT', 'minutes_watched:NUMBER', 'clv:NUMBER', 'region:NUMBER', 'channel:NUMBER'],
      'Website events': ['user_id:TEXT', 'step:CATEGORY', 'timestamp:DATE'],
      Users: [
        'user_id:TEXT',
        'segment:CATEGORY',
        'status:CATEGORY',
        'acquisition_channel:CATEGORY',
        'converted:BOOLEAN',
        'ltv:NUMBER',
      ],
      'Channel costs': ['month:DATE', 'channel:CATEGORY', 'spend:NUMBER', 'clicks:NUMBER', 'impressions:NUMBER'],
      'E-mail campaign': [
        'customer_id:TEXT',
        'group:CATEGORY',
        'customer_type:CATEGORY',
        'converted:BOOLEAN',
        'spend:NUMBER',
        'last_year_spend:NUMBER',
      ],
      Transactions: ['customer_id:TEXT', 'date:DATE', 'amount:NUMBER'],
      'Department sales': [
        'year:NUMBER',
        'department:CATEGORY',
        'segment:CATEGORY',
        'profile:CATEGORY',
        'customer_id:TEXT',
        'sales:NUMBER',
      ],
    });
  });

  it('sizes each set for a demo: a few thousand to 60,000 rows (the monthly cost table aside)', () => {
    for (const d of datasets) {
      expect(d.rows.length).toBeLessThanOrEqual(60000);
      expect(d.rows.length).toBeGreaterThanOrEqual(d.name === 'Channel costs' ? 30 : 2000);
    }
  });
});

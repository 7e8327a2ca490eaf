import { demoDatasets } from '../../../server/demo/index';

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
    expect(demoDatasets(42)).toEqual(datasets);
    expect(demoDatasets(7)).toEqual(demoDatasets(7));
  });

  it('gives different cells in every set for a different seed', () => {
    const other = demoDatasets(43);
    datasets.forEach((d, i) => {
      expect(other[i].header).toEqual(d.header);
      expect(other[i].rows).not.toEqual(d.rows);
    });
  });

  it.each(datasets.map((d) => [d.name, d] as const))('%s: every row has one cell per unique header', (_, d) => {
    expect(new Set(d.header).size).toBe(d.header.length);
    for (const row of d.rows) expect(row).toHaveLength(d.header.length);
  });

  it.each(datasets.map((d) => [d.name, d] as const))(
    '%s: each column holds one cell type, finite numbers, ISO dates',
    (_, d) => {
      d.header.forEach((name, c) => {
        const types = new Set(
          d.rows
            .map((row) => row[c])
            .filter((cell) => cell !== null)
            .map((cell) => typeof cell),
        );
        expect({ name, types: [...types] }).toEqual({ name, types: [expect.stringMatching(/^(number|string)$/)] });
        for (const row of d.rows) {
          const cell = row[c];
          if (typeof cell === 'number') expect(Number.isFinite(cell)).toBe(true);
          if (typeof cell === 'string') expect(cell.trim()).not.toBe('');
          if (['date', 'timestamp', 'month'].includes(name)) {
            expect(cell).toMatch(ISO_DATE);
            expect(Number.isNaN(Date.parse(String(cell)))).toBe(false);
          }
        }
      });
    },
  );

  it('sizes each set for a demo: a few thousand to 60,000 rows (the monthly cost table aside)', () => {
    for (const d of datasets) {
      expect(d.rows.length).toBeLessThanOrEqual(60000);
      expect(d.rows.length).toBeGreaterThanOrEqual(d.name === 'Channel costs' ? 30 : 2000);
    }
  });
});

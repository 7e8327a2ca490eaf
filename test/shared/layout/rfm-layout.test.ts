import { rfmLayout, type RfmMemberResult, type RfmResultShape } from '../../../shared/layout/rfm-layout';
import { layoutProblems } from './layout-invariants';

const run: RfmResultShape = {
  method: 'SCORES',
  k: 2,
  rowCount: 2,
  asOf: '2026-01-01T00:00:00.000Z',
  windowMonths: 24,
  excludedCustomers: 1,
  segments: [
    {
      label: 0,
      name: 'Champions',
      size: 1,
      share: 0.5,
      recency: 3,
      frequency: 12,
      monetary: 1840.5,
      rScore: 5,
      fScore: 5,
      mScore: 4,
    },
    {
      label: 1,
      name: 'Hibernating',
      size: 1,
      share: 0.5,
      recency: 400,
      frequency: 1,
      monetary: 20,
      rScore: 1,
      fScore: 1,
      mScore: 1,
    },
  ],
  warnings: [],
};
const members: RfmMemberResult[] = [
  {
    key: 'c1',
    label: 0,
    segment: 'Champions',
    recency: 3,
    frequency: 12,
    monetary: 1840.5,
    rScore: 5,
    fScore: 5,
    mScore: 4,
  },
  {
    key: 'c2',
    label: 1,
    segment: 'Hibernating',
    recency: 400,
    frequency: 1,
    monetary: 20,
    rScore: 1,
    fScore: 1,
    mScore: 1,
  },
];

describe('rfmLayout', () => {
  it('rfmLayout(run, { members, rowCustomers }) gives every transaction row its customer’s segment and R, F, M', () => {
    const { rowColumns } = rfmLayout(run, { members, rowCustomers: ['c1', 'c2', 'c1', null, 'gone'] });
    expect(rowColumns?.columns.map((c) => c.header)).toEqual([
      'RFM segment',
      'Recency (days)',
      'Frequency',
      'Monetary',
      'R score',
      'F score',
      'M score',
    ]);
    expect(rowColumns?.values).toEqual([
      ['Champions', 3, 12, 1840.5, 5, 5, 4],
      ['Hibernating', 400, 1, 20, 1, 1, 1],
      ['Champions', 3, 12, 1840.5, 5, 5, 4],
      [null, null, null, null, null, null, null],
      [null, null, null, null, null, null, null],
    ]);
    expect(layoutProblems(rfmLayout(run, { members, rowCustomers: ['c1'] }), 1)).toEqual([]);
  });

  it('rfmLayout(run) without members has no row columns', () => {
    expect(rfmLayout(run).rowColumns).toBeNull();
  });

  it('rfmLayout(run) tabulates segments with percent shares and charts customers and monetary value per segment', () => {
    const { sheet } = rfmLayout(run);
    const table = sheet.tables[0];
    expect(table.rows[0]).toEqual(['Champions', 1, 0.5, 3, 12, 1840.5, 5, 5, 4]);
    expect(table.columns[2]).toEqual({ header: 'Share', format: 'percent' });
    expect(sheet.charts.map((c) => [c.title, table.columns[c.valueColumns[0]].header])).toEqual([
      ['Customers per segment', 'Customers'],
      ['Mean monetary value per segment', 'Monetary'],
    ]);
    expect(sheet.title).toBe('RFM: 2 segments of 2 customers over the 24 months before 2026-01-01T00:00:00.000Z');
    expect(sheet.notes).toEqual(['1 customers without a transaction in the window are left out.']);
  });
});

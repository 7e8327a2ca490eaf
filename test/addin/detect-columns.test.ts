import { detectColumns } from '../../addin/src/excel/detect-columns';

describe('detectColumns(header, rows)', () => {
  const header = [
    'customer_id',
    'CustomerID',
    'email',
    'region',
    'signup',
    'orders',
    'revenue',
    'churned',
    'note',
    'plan',
    'code',
    'seq',
  ];
  const rows = Array.from({ length: 40 }, (_, i) => [
    `C${i}`,
    i % 20,
    `c${i}@example.com`,
    ['North', 'South', 'East'][i % 3],
    '2025-01-0' + ((i % 9) + 1),
    i % 7,
    i * 1.5 + 0.25,
    i % 2 === 0 ? 'yes' : 'no',
    `free text number ${i}`,
    'basic',
    `L${i % 15}`,
    1000 + i,
  ]);
  const byName = Object.fromEntries(detectColumns(header, rows).map((c) => [c.name, c]));

  test('detectColumns gives each column its type as the server infers it', () => {
    expect(Object.fromEntries(Object.values(byName).map((c) => [c.name, c.type]))).toEqual({
      customer_id: 'TEXT',
      CustomerID: 'NUMBER',
      email: 'TEXT',
      region: 'CATEGORY',
      signup: 'DATE',
      orders: 'NUMBER',
      revenue: 'NUMBER',
      churned: 'BOOLEAN',
      note: 'TEXT',
      plan: 'CATEGORY',
      code: 'CATEGORY',
      seq: 'NUMBER',
    });
  });

  test('detectColumns picks numeric, yes/no and few-valued columns, and leaves out IDs, dates, text and constants', () => {
    const picked = Object.values(byName)
      .filter((c) => c.feature)
      .map((c) => c.name);
    // revenue is all distinct too, but not whole numbers: a measurement, not an ID.
    expect(picked).toEqual(['region', 'orders', 'revenue', 'churned']);
    expect(byName.customer_id.note).toBe('ID-like'); // by name
    expect(byName.CustomerID.note).toBe('ID-like'); // by name, though it repeats
    expect(byName.email.note).toBe('ID-like');
    expect(byName.seq.note).toBe('ID-like'); // whole numbers, one per row
    expect(byName.signup.note).toBe('left out by default');
    expect(byName.plan.note).toBe('one value');
    expect(byName.code.note).toBe('15 levels'); // over MAX_FEATURE_LEVELS
  });

  test('detectColumns counts missing cells and distinct values', () => {
    const [column] = detectColumns(['spend'], [[1], [null], [1], [2]]);
    expect(column).toMatchObject({ type: 'NUMBER', distinct: 2, missing: 1, feature: true });
  });
});

import { departmentSalesDataset } from '../../../server/demo/department-sales';
import { groupRows, numbers, strings, sumAt } from './dataset-columns';

const dataset = departmentSalesDataset();
const year = numbers(dataset, 'year');
const department = strings(dataset, 'department');
const segment = strings(dataset, 'segment');
const profile = strings(dataset, 'profile');
const customer = strings(dataset, 'customer_id');
const sales = numbers(dataset, 'sales');
const byYear = groupRows(year);
const rows2024 = byYear.get('2024') ?? [];
const rows2025 = byYear.get('2025') ?? [];

/** Revenue per key within the given rows. */
function revenue(keys: string[], rows: number[]): Map<string, number> {
  const totals = new Map<string, number>();
  for (const r of rows) totals.set(keys[r], (totals.get(keys[r]) ?? 0) + sales[r]);
  return totals;
}

describe('departmentSalesDataset()', () => {
  it('has 2024 and 2025 tickets with three segments, two profiles and positive sales', () => {
    expect([...byYear.keys()].sort()).toEqual(['2024', '2025']);
    expect([...new Set(segment)].sort()).toEqual(['Families', 'Seniors', 'Young professionals']);
    expect([...new Set(profile)].sort()).toEqual(['Loyal', 'Occasional']);
    expect(sales.every((x) => x > 0)).toBe(true);
  });

  it('keeps each customer in one segment and profile', () => {
    const seen = new Map<string, string>();
    customer.forEach((id, r) => {
      const attributes = `${segment[r]}|${profile[r]}`;
      expect(seen.get(id) ?? attributes).toBe(attributes);
      seen.set(id, attributes);
    });
  });

  it('has 8–10 departments a year, one only in 2024 and one only in 2025', () => {
    const in2024 = new Set(rows2024.map((r) => department[r]));
    const in2025 = new Set(rows2025.map((r) => department[r]));
    for (const set of [in2024, in2025]) {
      expect(set.size).toBeGreaterThanOrEqual(8);
      expect(set.size).toBeLessThanOrEqual(10);
    }
    expect([...in2024].filter((d) => !in2025.has(d))).toHaveLength(1);
    expect([...in2025].filter((d) => !in2024.has(d))).toHaveLength(1);
  });

  it('grows revenue and the average ticket, Electronics by over 20 % while Clothing falls by over 10 %', () => {
    const total = (rows: number[]) => sumAt(sales, rows);
    expect(total(rows2025)).toBeGreaterThan(total(rows2024));
    expect(total(rows2025) / rows2025.length).toBeGreaterThan(total(rows2024) / rows2024.length);
    const before = revenue(department, rows2024);
    const after = revenue(department, rows2025);
    const growth = (d: string) => (after.get(d) ?? 0) / (before.get(d) ?? NaN) - 1;
    expect(growth('Electronics')).toBeGreaterThan(0.2);
    expect(growth('Clothing')).toBeLessThan(-0.1);
  });

  it('counts over 3,000 distinct customers each year', () => {
    for (const rows of [rows2024, rows2025]) expect(new Set(rows.map((r) => customer[r])).size).toBeGreaterThan(3000);
  });

  it('lets Young professionals gain and Seniors lose over 4 points of revenue share', () => {
    const share = (rows: number[], s: string) => (revenue(segment, rows).get(s) ?? 0) / sumAt(sales, rows);
    expect(share(rows2025, 'Young professionals') - share(rows2024, 'Young professionals')).toBeGreaterThan(0.04);
    expect(share(rows2025, 'Seniors') - share(rows2024, 'Seniors')).toBeLessThan(-0.04);
  });
});

import { transactionsDataset } from '../../../server/demo/transactions';
import { numbers, strings } from './dataset-columns';

const dataset = transactionsDataset();
const customer = strings(dataset, 'customer_id');
const dates = strings(dataset, 'date');
const amount = numbers(dataset, 'amount');
const DAY = 86_400_000;
const AS_OF = Date.parse('2026-10-31');
const WINDOW_START = Date.parse('2024-10-31');

/** RFM as of 2026-10-31: recency in days, frequency and monetary over the 24 months before, purchases ever. */
const rfm = new Map<
  string,
  { recency: number; frequency: number; monetary: number; purchases: number; spent: number }
>();
customer.forEach((id, i) => {
  const at = Date.parse(dates[i]);
  const row = rfm.get(id) ?? { recency: Infinity, frequency: 0, monetary: 0, purchases: 0, spent: 0 };
  rfm.set(id, row);
  row.recency = Math.min(row.recency, Math.round((AS_OF - at) / DAY));
  row.purchases++;
  row.spent += amount[i];
  if (at > WINDOW_START) {
    row.frequency++;
    row.monetary += amount[i];
  }
});
const customers = [...rfm.values()];
const count = (keep: (c: (typeof customers)[number]) => boolean) => customers.filter(keep).length;

describe('transactionsDataset()', () => {
  it('has 1,500 customers buying from 2024-05-01 to 2026-10-31, dates ISO and ascending, amounts in cents', () => {
    expect(rfm.size).toBe(1500);
    expect(dates.every((d) => /^\d{4}-\d\d-\d\d$/.test(d))).toBe(true);
    expect(dates.every((d, i) => i === 0 || dates[i - 1] <= d)).toBe(true);
    expect(dates[0] >= '2024-05-01').toBe(true);
    expect(dates[dates.length - 1] <= '2026-10-31').toBe(true);
    expect(amount.every((x) => x > 0 && Math.abs(x * 100 - Math.round(x * 100)) < 1e-6)).toBe(true);
  });

  it('has recent frequent big spenders: recency ≤ 30 days, 12+ purchases and 1,000+ in 24 months', () => {
    expect(count((c) => c.recency <= 30 && c.frequency >= 12 && c.monetary >= 1000)).toBeGreaterThanOrEqual(150);
  });

  it('has once-frequent customers at risk: 8+ purchases, the last 150 to 365 days ago', () => {
    expect(count((c) => c.purchases >= 8 && c.recency > 150 && c.recency <= 365)).toBeGreaterThanOrEqual(150);
  });

  it('has lapsed customers (no purchase for over a year) and one-off buyers', () => {
    expect(count((c) => c.recency > 365)).toBeGreaterThanOrEqual(200);
    expect(count((c) => c.purchases === 1)).toBeGreaterThanOrEqual(250);
  });

  it('has a small group of rare big-ticket buyers (mean amount above 400)', () => {
    const big = count((c) => c.spent / c.purchases > 400);
    expect(big).toBeGreaterThanOrEqual(40);
    expect(big).toBeLessThanOrEqual(120);
  });
});

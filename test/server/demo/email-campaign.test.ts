import { emailCampaignDataset } from '../../../server/demo/email-campaign';
import { numbers, strings } from './dataset-columns';

/** Pooled two-proportion z statistic of b against a, as statsmodels' proportions_ztest. */
function zStatistic(a: { n: number; x: number }, b: { n: number; x: number }): number {
  const p = (a.x + b.x) / (a.n + b.n);
  return (b.x / b.n - a.x / a.n) / Math.sqrt(p * (1 - p) * (1 / a.n + 1 / b.n));
}

describe.each([42, 1, 2026])('emailCampaignDataset(%p)', (seed) => {
  const dataset = emailCampaignDataset(seed);
  const group = strings(dataset, 'group');
  const type = strings(dataset, 'customer_type');
  const converted = numbers(dataset, 'converted');
  const spend = numbers(dataset, 'spend');
  const tally = (g: string, t?: string) => {
    const rows = group.map((_, i) => i).filter((i) => group[i] === g && (t === undefined || type[i] === t));
    return { n: rows.length, x: rows.filter((i) => converted[i] === 1).length, spend: rows.map((i) => spend[i]) };
  };

  it('splits about 6,000 customers evenly between control, A and B, new and returning', () => {
    expect(new Set(strings(dataset, 'customer_id')).size).toBe(dataset.rows.length);
    const sizes = ['control', 'A', 'B'].map((g) => tally(g).n);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(dataset.rows.length);
    expect(dataset.rows.length).toBeGreaterThan(5800);
    expect(dataset.rows.length).toBeLessThan(6200);
    expect(Math.max(...sizes) / Math.min(...sizes)).toBeLessThan(1.05);
    expect([...new Set(type)].sort()).toEqual(['new', 'returning']);
  });

  it('records spend for converters only', () => {
    converted.forEach((c, i) => {
      expect([0, 1]).toContain(c);
      expect(spend[i] > 0).toBe(c === 1);
    });
  });

  it('shows no significant overall difference: chi-square p > 0.05 and every |z| against control < 1.96', () => {
    // With 2 degrees of freedom the chi-square survival function is exp(-x/2).
    const cells = ['control', 'A', 'B'].map((g) => tally(g));
    const n = cells.reduce((a, c) => a + c.n, 0);
    const rate = cells.reduce((a, c) => a + c.x, 0) / n;
    let chiSquare = 0;
    for (const c of cells) {
      chiSquare += (c.x - c.n * rate) ** 2 / (c.n * rate) + (c.n - c.x - c.n * (1 - rate)) ** 2 / (c.n * (1 - rate));
    }
    expect(Math.exp(-chiSquare / 2)).toBeGreaterThan(0.05);
    for (const g of ['A', 'B']) expect(Math.abs(zStatistic(tally('control'), tally(g)))).toBeLessThan(1.96);
  });

  it('shows no significant overall difference in revenue per customer (Welch |t| < 1.96)', () => {
    const moments = (xs: number[]) => {
      const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
      return { mean, variance: xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1), n: xs.length };
    };
    const control = moments(tally('control').spend);
    for (const g of ['A', 'B']) {
      const v = moments(tally(g).spend);
      const t = (v.mean - control.mean) / Math.sqrt(v.variance / v.n + control.variance / control.n);
      expect(Math.abs(t)).toBeLessThan(1.96);
    }
  });

  it('makes B clearly better than control among new customers: 4 points more and z > 2.58 (p < 0.01)', () => {
    const control = tally('control', 'new');
    const b = tally('B', 'new');
    expect(b.x / b.n - control.x / control.n).toBeGreaterThan(0.04);
    expect(zStatistic(control, b)).toBeGreaterThan(2.58);
    expect(Math.abs(zStatistic(control, tally('A', 'new')))).toBeLessThan(1.96);
  });

  it('gives last year’s spend: 0 for new customers, and for returning ones a covariate that tracks spend', () => {
    const lastYear = numbers(dataset, 'last_year_spend');
    const returning = lastYear.map((_, i) => i).filter((i) => type[i] === 'returning');
    lastYear.forEach((x, i) => expect(type[i] === 'new' ? x === 0 : x > 0).toBe(true));
    const xs = returning.map((i) => lastYear[i]);
    const ys = returning.map((i) => spend[i]);
    const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    const [mx, my] = [mean(xs), mean(ys)];
    const cov = mean(xs.map((x, k) => (x - mx) * (ys[k] - my)));
    const r = cov / Math.sqrt(mean(xs.map((x) => (x - mx) ** 2)) * mean(ys.map((y) => (y - my) ** 2)));
    expect(r).toBeGreaterThan(0.4);
  });
});

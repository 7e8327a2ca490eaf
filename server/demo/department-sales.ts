import type { DemoCell, DemoDataset } from './demo-dataset';
import { cents, paddedId } from './format';
import { demoRng, logNormal, pickWeighted, poisson } from './sampling';

const CUSTOMERS = 4200;
export const SALES_YEARS = [2024, 2025] as const;
export const SALES_SEGMENTS = ['Families', 'Young professionals', 'Seniors'] as const;
const SEGMENT_MIX = [0.4, 0.28, 0.32];
/** Per segment: share of Loyal customers, chance of being new in 2025, and 2024 → 2025 retention. */
const SEGMENT_LOYAL = [0.4, 0.25, 0.45];
const SEGMENT_NEW_2025 = [0.12, 0.3, 0.05];
const SEGMENT_RETENTION = [0.85, 0.88, 0.7];

interface Department {
  name: string;
  /** Median ticket (EUR). */
  ticket: number;
  /** Choice weight per segment (Families, Young professionals, Seniors). */
  weights: readonly number[];
  /** Multipliers on the choice weight and the ticket in 2024 and 2025; 0 = department closed that year. */
  reach: readonly [number, number];
  price: readonly [number, number];
}

/**
 * The departments: Electronics grows, Clothing shrinks, Music & Video closed after 2024 and Pet supplies opened
 * in 2025.
 */
export const DEPARTMENTS: readonly Department[] = [
  { name: 'Grocery', ticket: 45, weights: [30, 18, 30], reach: [1, 1.02], price: [1, 1.03] },
  { name: 'Fresh food', ticket: 30, weights: [18, 15, 25], reach: [1, 1.04], price: [1, 1.04] },
  { name: 'Bakery', ticket: 12, weights: [10, 8, 14], reach: [1, 1], price: [1, 1.05] },
  { name: 'Beverages', ticket: 20, weights: [8, 14, 6], reach: [1, 1], price: [1, 1.02] },
  { name: 'Household', ticket: 25, weights: [10, 6, 8], reach: [1, 0.97], price: [1, 1.01] },
  { name: 'Electronics', ticket: 180, weights: [5, 12, 2], reach: [1, 1.3], price: [1, 1.08] },
  { name: 'Clothing', ticket: 60, weights: [8, 10, 5], reach: [1, 0.75], price: [1, 0.95] },
  { name: 'Toys', ticket: 35, weights: [9, 1, 3], reach: [1, 1], price: [1, 1.02] },
  { name: 'Beauty & Health', ticket: 28, weights: [4, 9, 6], reach: [1, 1.1], price: [1, 1.03] },
  { name: 'Music & Video', ticket: 22, weights: [3, 4, 4], reach: [1, 0], price: [1, 1] },
  { name: 'Pet supplies', ticket: 32, weights: [5, 6, 4], reach: [0, 1], price: [1, 1] },
];

/**
 * "Department sales": one row per purchase (ticket) of a retailer's loyalty-card customers in 2024 and 2025, with
 * the customer's segment and profile. Revenue grows, Electronics most and Clothing shrinks; Young professionals
 * gain share (more of them join in 2025) while Seniors lose it (more of them leave); one department exists only
 * in 2024, another only in 2025.
 *
 * @example
 * departmentSalesDataset().header; // ['year', 'department', 'segment', 'profile', 'customer_id', 'sales']
 */
export function departmentSalesDataset(seed = 42): DemoDataset {
  const rng = demoRng(seed, 'Department sales');
  const byYear: DemoCell[][][] = [[], []];
  for (let c = 0; c < CUSTOMERS; c++) {
    const s = pickWeighted(rng, SEGMENT_MIX);
    const loyal = rng.next() < SEGMENT_LOYAL[s];
    const isNew = rng.next() < SEGMENT_NEW_2025[s];
    const active = [!isNew, isNew || rng.next() < SEGMENT_RETENTION[s]];
    for (let y = 0; y < SALES_YEARS.length; y++) {
      if (!active[y]) continue;
      const weights = DEPARTMENTS.map((d) => d.weights[s] * d.reach[y]);
      const tickets = loyal ? 6 + poisson(rng, 4) : 1 + poisson(rng, 1.5);
      for (let t = 0; t < tickets; t++) {
        const d = DEPARTMENTS[pickWeighted(rng, weights)];
        const sales = cents(logNormal(rng, d.ticket * d.price[y] * (loyal ? 1.1 : 1), 0.5));
        byYear[y].push([
          SALES_YEARS[y],
          d.name,
          SALES_SEGMENTS[s],
          loyal ? 'Loyal' : 'Occasional',
          paddedId('LC-', 100001 + c, 6),
          sales,
        ]);
      }
    }
  }
  const rows = byYear.flat();

  return {
    name: 'Department sales',
    description:
      `${rows.length} purchases by loyalty-card customers of a department store, 2024 and 2025: year, department, ` +
      'segment (Families, Young professionals, Seniors), profile (Loyal, Occasional), customer_id and sales (EUR). ' +
      'Compare 2025 with 2024 by department or segment; count distinct customer_id for customers.',
    header: ['year', 'department', 'segment', 'profile', 'customer_id', 'sales'],
    rows,
  };
}

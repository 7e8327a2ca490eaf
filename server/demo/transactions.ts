import type { Rng } from '../../shared/random';
import type { DemoDataset } from './demo-dataset';
import { DAY_MS, cents, isoDate, paddedId } from './format';
import { demoRng, exactMix, logNormal, shuffle, uniformInt } from './sampling';

const CUSTOMERS = 1500;
export const TRANSACTIONS_START = Date.UTC(2024, 4, 1);
export const TRANSACTIONS_END = Date.UTC(2026, 9, 31);
const LAST_DAY = Math.round((TRANSACTIONS_END - TRANSACTIONS_START) / DAY_MS);

interface Behaviour {
  name: string;
  share: number;
  /** Purchase days (0 = 2024-05-01, LAST_DAY = 2026-10-31), ascending. */
  days(rng: Rng): number[];
  /** Median amount (EUR) and spread of its logarithm. */
  amount: number;
  sigma: number;
}

/** The planted RFM behaviours; a customer's amounts scatter around its behaviour's median. */
export const RFM_BEHAVIOURS: readonly Behaviour[] = [
  {
    name: 'Champions',
    share: 0.13,
    amount: 120,
    sigma: 0.35,
    days: (rng) => regular(rng, uniformInt(rng, 0, 400), 25, 30),
  },
  { name: 'Loyal', share: 0.17, amount: 55, sigma: 0.35, days: (rng) => regular(rng, uniformInt(rng, 0, 500), 55, 90) },
  {
    name: 'New',
    share: 0.12,
    amount: 45,
    sigma: 0.4,
    days: (rng) => scattered(rng, uniformInt(rng, 1, 3), LAST_DAY - 120, LAST_DAY),
  },
  { name: 'At risk', share: 0.15, amount: 90, sigma: 0.35, days: (rng) => atRisk(rng) },
  {
    name: 'Lapsed',
    share: 0.18,
    amount: 40,
    sigma: 0.4,
    days: (rng) => scattered(rng, uniformInt(rng, 2, 5), 0, LAST_DAY - 400),
  },
  { name: 'One-off', share: 0.2, amount: 50, sigma: 0.5, days: (rng) => scattered(rng, 1, 0, LAST_DAY - 120) },
  { name: 'Big spenders', share: 0.05, amount: 900, sigma: 0.4, days: (rng) => bigSpender(rng) },
];

/**
 * "Transactions": one row per purchase of {@link CUSTOMERS} customers from 2024-05-01 to 2026-10-31, sorted by
 * date, for RFM analysis as of 2026-10-31. Customers follow the behaviours of {@link RFM_BEHAVIOURS}: recent
 * frequent big spenders, loyal regulars, new customers, once-frequent customers who stopped months ago, lapsed,
 * one-off buyers and rare big-ticket buyers.
 *
 * @example
 * transactionsDataset().header; // ['customer_id', 'date', 'amount']
 */
export function transactionsDataset(seed = 42): DemoDataset {
  const rng = demoRng(seed, 'Transactions');
  const shares = RFM_BEHAVIOURS.map((b) => b.share);
  const behaviours = shuffle(rng, exactMix(CUSTOMERS, shares));
  const purchases: { customer: number; day: number; amount: number }[] = [];
  behaviours.forEach((b, customer) => {
    const behaviour = RFM_BEHAVIOURS[b];
    // Each customer has a typical basket; single purchases scatter around it.
    const basket = logNormal(rng, behaviour.amount, behaviour.sigma);
    for (const day of behaviour.days(rng)) {
      purchases.push({ customer, day, amount: cents(logNormal(rng, basket, 0.3)) });
    }
  });
  purchases.sort((a, b) => a.day - b.day || a.customer - b.customer);

  return {
    name: 'Transactions',
    description:
      `${purchases.length} purchases by ${CUSTOMERS} customers of an online shop from 2024-05-01 to 2026-10-31: ` +
      'customer_id, date and amount (EUR). Run RFM as of 2026-10-31.',
    header: ['customer_id', 'date', 'amount'],
    rows: purchases.map((p) => [
      paddedId('C', 10001 + p.customer, 5),
      isoDate(TRANSACTIONS_START + p.day * DAY_MS),
      p.amount,
    ]),
  };
}

/** Purchases every `gap` days or so (log-normal) from `first` on, the last within `recentDays` of the end. */
function regular(rng: Rng, first: number, gap: number, recentDays: number): number[] {
  const days: number[] = [];
  for (let day = first; day <= LAST_DAY; day += Math.max(1, Math.round(logNormal(rng, gap, 0.4)))) days.push(day);
  if (days.length === 0 || days[days.length - 1] < LAST_DAY - recentDays) days.push(LAST_DAY - rng.int(recentDays));
  return days;
}

/** `count` purchase days drawn uniformly from from..to. */
function scattered(rng: Rng, count: number, from: number, to: number): number[] {
  return Array.from({ length: count }, () => uniformInt(rng, from, to)).sort((a, b) => a - b);
}

/** Bought every month or so, then stopped 5 to 11 months before the end. */
function atRisk(rng: Rng): number[] {
  const stop = LAST_DAY - uniformInt(rng, 150, 330);
  const days: number[] = [];
  for (let day = uniformInt(rng, 0, 250); day <= stop; day += Math.max(1, Math.round(logNormal(rng, 35, 0.3)))) {
    days.push(day);
  }
  return days.length > 0 ? days : [stop];
}

/** Two to four big purchases, the last within the past 200 days. */
function bigSpender(rng: Rng): number[] {
  return [...scattered(rng, uniformInt(rng, 1, 3), 0, LAST_DAY - 200), LAST_DAY - rng.int(200)];
}

/**
 * Worksheets for the browser suite, generated from a seed: a customer table with IDs, e-mails, text categories,
 * dates, yes/no, real error cells and gaps (three planted groups, so segments exist), and the demo datasets laid
 * out as an analyst would paste them (dates as Excel serials with a date format).
 */
import { createRng } from '../../shared/random';
import { demoDatasets } from '../../server/demo';

type SetupCell = number | string | boolean | null | { error: string };

export interface SheetSetup {
  name: string;
  rows: SetupCell[][];
  formats: (string | null)[];
}

const EPOCH_SERIAL = 25569;
const serial = (ms: number) => ms / 86400000 + EPOCH_SERIAL;

/** n customers: customer_id, email, region, channel, signup (date), orders, revenue (with #N/A), minutes (gaps), churned. */
export function customerSheet(n: number, seed = 7): SheetSetup {
  const rng = createRng(seed);
  const groups = [
    {
      region: ['North', 'North', 'East'],
      channel: ['Google', 'Google', 'Email'],
      orders: 2,
      revenue: 40,
      minutes: 30,
      churn: 0.6,
    },
    {
      region: ['South', 'West', 'South'],
      channel: ['LinkedIn', 'Referral', 'LinkedIn'],
      orders: 9,
      revenue: 310,
      minutes: 180,
      churn: 0.1,
    },
    {
      region: ['East', 'West', 'West'],
      channel: ['Referral', 'Email', 'Email'],
      orders: 5,
      revenue: 120,
      minutes: 400,
      churn: 0.3,
    },
  ];
  const rows: SetupCell[][] = [
    ['customer_id', 'email', 'region', 'channel', 'signup', 'orders', 'revenue', 'minutes', 'churned'],
  ];
  for (let i = 0; i < n; i++) {
    const g = groups[i % 3];
    const pick = <T>(xs: T[]) => xs[Math.floor(rng.next() * xs.length)];
    const noise = () => 0.75 + rng.next() * 0.5;
    rows.push([
      `C${String(100001 + i)}`,
      `customer${i + 1}@example.com`,
      pick(g.region),
      pick(g.channel),
      Math.floor(serial(Date.UTC(2023, 0, 1)) + rng.next() * 900),
      Math.round(g.orders * noise()),
      i % 397 === 5 ? { error: '#N/A' } : Math.round(g.revenue * noise() * 100) / 100,
      i % 53 === 0 ? null : Math.round(g.minutes * noise()),
      rng.next() < g.churn ? 'yes' : 'no',
    ]);
  }
  return { name: 'Customers', rows, formats: [null, null, null, null, 'yyyy-mm-dd', '0', '#,##0.00', '0', null] };
}

/** A demo dataset as a sheet: ISO dates and times become serials with a date format, as Excel stores them. */
export function demoSheet(datasetName: string, sheetName: string): SheetSetup {
  const demo = demoDatasets().find((d) => d.name === datasetName);
  if (!demo) throw new Error(`no demo dataset ${datasetName}`);
  const formats: (string | null)[] = demo.header.map(() => null);
  const rows = demo.rows.map((row) =>
    row.map((cell, j) => {
      if (typeof cell === 'string' && /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}Z)?$/.test(cell)) {
        formats[j] = cell.length > 10 ? 'dd.mm.yyyy hh:mm:ss' : 'yyyy-mm-dd';
        return serial(Date.parse(cell));
      }
      return cell as SetupCell;
    }),
  );
  return { name: sheetName, rows: [demo.header, ...rows], formats };
}

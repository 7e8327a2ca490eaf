import { createRng } from '../shared/random';
import type { Table } from '../shared/table/types';

export const FUNNEL_STEPS = ['visit', 'signup', 'activate', 'purchase'];
const EVENTS = [...FUNNEL_STEPS, 'pageview'];
const DEVICES = ['web', 'ios', 'android'];
const CHANNELS = ['Google', 'Meta', 'Email'];
const VARIANTS = ['control', 'B'];
const YEARS = ['2024', '2025'];

/**
 * What each report reads of commerceTable's columns, as the bench and the pool tests ask for it (each adds its own
 * extras: a breakdown, costs, segments): the same options in the engine's calls and the GraphQL inputs.
 */
export const COMMERCE_REPORTS = {
  funnel: {
    userColumn: 'user',
    stepColumn: 'event',
    steps: FUNNEL_STEPS,
    timeColumn: 'time',
    conversionWindowSeconds: 14 * 86_400,
  },
  channels: { channelColumn: 'channel', convertedColumn: 'converted', valueColumn: 'revenue', segmentColumn: 'device' },
  experiment: {
    variantColumn: 'variant',
    control: 'control',
    conversionColumn: 'converted',
    revenueColumn: 'revenue',
    covariateColumn: 'spend',
  },
  periodComparison: {
    periodColumn: 'year',
    base: '2024',
    compare: '2025',
    dimensions: ['channel', 'device'],
    valueColumn: 'revenue',
    customersColumn: 'user',
  },
  correlations: { columns: ['revenue', 'spend', 'converted', 'channel'] },
  cohorts: { customerColumn: 'user', dateColumn: 'time', amountColumn: 'revenue', period: 'WEEK' as const },
};

/**
 * `rows` events of `users` users as a stored dataset holds them, with a column for every report: TEXT user ids,
 * CATEGORY event (the four funnel steps and a page view), DATE time over 60 days, CATEGORY device, channel,
 * variant and year, NUMBER converted (0/1), revenue and spend (x2 correlated with revenue). The same for a seed.
 */
export function commerceTable(rows: number, users: number, seed = 5): Table {
  const rng = createRng(seed);
  const user: string[] = new Array(rows);
  const event = new Int32Array(rows);
  const time = new Float64Array(rows);
  const device = new Int32Array(rows);
  const channel = new Int32Array(rows);
  const variant = new Int32Array(rows);
  const year = new Int32Array(rows);
  const converted = new Float64Array(rows);
  const revenue = new Float64Array(rows);
  const spend = new Float64Array(rows);
  const start = Date.UTC(2025, 0, 1);
  for (let i = 0; i < rows; i++) {
    const u = rng.int(users);
    user[i] = `u${u}`;
    const r = rng.next();
    const step = r < 0.35 ? 0 : r < 0.55 ? 1 : r < 0.68 ? 2 : r < 0.75 ? 3 : 4;
    event[i] = step;
    time[i] = start + (u % 50) * 86_400_000 + step * 3_600_000 * rng.next() * 30 + rng.int(86_400) * 1000;
    device[i] = rng.next() < 0.9 ? u % 3 : rng.int(3);
    channel[i] = u % 3;
    variant[i] = u % 2;
    year[i] = rng.int(2);
    converted[i] = rng.next() < 0.08 + 0.02 * variant[i] ? 1 : 0;
    revenue[i] = converted[i] * (20 + 80 * rng.next());
    spend[i] = rng.next() < 0.02 ? NaN : revenue[i] * 0.3 + 10 * rng.normal();
  }
  const category = (name: string, codes: Int32Array, levels: string[]) =>
    ({ name, type: 'CATEGORY', codes, levels }) as const;
  return {
    rowCount: rows,
    columns: [
      { name: 'user', type: 'TEXT', values: user },
      category('event', event, EVENTS),
      { name: 'time', type: 'DATE', values: time },
      category('device', device, DEVICES),
      category('channel', channel, CHANNELS),
      category('variant', variant, VARIANTS),
      category('year', year, YEARS),
      { name: 'converted', type: 'NUMBER', values: converted },
      { name: 'revenue', type: 'NUMBER', values: revenue },
      { name: 'spend', type: 'NUMBER', values: spend },
    ],
  };
}

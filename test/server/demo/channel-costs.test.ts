import { channelCostsDataset } from '../../../server/demo/channel-costs';
import { usersDataset } from '../../../server/demo/users';
import { argMax, groupRows, numbers, strings, sumAt } from './dataset-columns';

const dataset = channelCostsDataset();
const channel = strings(dataset, 'channel');
const months = strings(dataset, 'month');
const spend = numbers(dataset, 'spend');
const clicks = numbers(dataset, 'clicks');
const byChannel = groupRows(channel);
const totals = (values: number[]) => new Map([...byChannel].map(([key, rows]) => [key, sumAt(values, rows)]));

const users = usersDataset();
const userChannel = strings(users, 'acquisition_channel');
const converted = strings(users, 'converted');
const ltv = numbers(users, 'ltv');
const userRows = groupRows(userChannel);

describe('channelCostsDataset()', () => {
  it('has one row per channel and month, consecutive months from March 2026, positive figures', () => {
    const allMonths = ['2026-03-01', '2026-04-01', '2026-05-01', '2026-06-01', '2026-07-01', '2026-08-01'];
    for (const [key, rows] of byChannel) {
      const own = rows.map((r) => months[r]);
      expect(own).toEqual(allMonths.slice(allMonths.indexOf(own[0])));
      expect(own.length).toBeGreaterThanOrEqual(key === 'TikTok' ? 3 : 6);
    }
    for (const values of [spend, clicks, numbers(dataset, 'impressions')])
      expect(values.every((x) => x > 0)).toBe(true);
  });

  it('makes LinkedIn the most expensive per click, by over twice, and the biggest spender', () => {
    const spendBy = totals(spend);
    const clicksBy = totals(clicks);
    const cpc = new Map([...spendBy].map(([key, s]) => [key, s / (clicksBy.get(key) ?? NaN)]));
    expect(argMax(cpc)).toBe('LinkedIn');
    const others = [...cpc].filter(([key]) => key !== 'LinkedIn').map(([, v]) => v);
    expect(cpc.get('LinkedIn')).toBeGreaterThan(2 * Math.max(...others));
    const total = [...spendBy.values()].reduce((a, b) => a + b, 0);
    expect(spendBy.get('LinkedIn')).toBeGreaterThan(0.5 * total);
  });

  it('with "Users": TikTok has spend but no user, LinkedIn the highest cost per acquisition and a loss', () => {
    expect(byChannel.has('TikTok')).toBe(true);
    expect(userRows.has('TikTok')).toBe(false);
    for (const key of byChannel.keys()) if (key !== 'TikTok') expect(userRows.has(key)).toBe(true);

    const spendBy = totals(spend);
    const cpa = new Map<string, number>();
    const value = new Map<string, number>();
    for (const [key, rows] of userRows) {
      const payers = rows.filter((r) => converted[r] === 'yes');
      if (spendBy.has(key)) cpa.set(key, (spendBy.get(key) ?? 0) / payers.length);
      value.set(key, sumAt(ltv, payers));
    }
    expect(argMax(cpa)).toBe('LinkedIn');
    expect(value.get('LinkedIn')).toBeLessThan(spendBy.get('LinkedIn') ?? 0);
    expect(value.get('Google')).toBeGreaterThan(spendBy.get('Google') ?? Infinity);
  });
});

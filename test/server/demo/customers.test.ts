import { CUSTOMER_PERSONAS, customersDataset } from '../../../server/demo/customers';
import { groupRows, meanAt, numbers, strings } from './dataset-columns';

const dataset = customersDataset();
const region = numbers(dataset, 'region');
const channel = numbers(dataset, 'channel');
const minutes = numbers(dataset, 'minutes_watched');
const clv = numbers(dataset, 'clv');
const byChannel = groupRows(channel);

describe('customersDataset()', () => {
  it('codes region 0..2 and channel 1..8, every code in use, and documents both codings', () => {
    expect(new Set(strings(dataset, 'customer_id')).size).toBe(dataset.rows.length);
    expect([...new Set(region)].sort()).toEqual([0, 1, 2]);
    expect([...new Set(channel)].sort()).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const codings = ['0 = Western Europe', '1 = North America', '2 = Asia-Pacific', '1 = Facebook', '2 = Google'];
    codings.push('3 = LinkedIn', '4 = Instagram', '5 = YouTube', '6 = E-mail', '7 = Direct', '8 = Referral');
    for (const coding of codings) expect(dataset.description).toContain(coding);
  });

  it('leaves about 3 % of minutes_watched empty and every clv positive', () => {
    const missing = minutes.filter(Number.isNaN).length / minutes.length;
    expect(missing).toBeGreaterThan(0.02);
    expect(missing).toBeLessThan(0.04);
    expect(clv.every((x) => x > 0)).toBe(true);
  });

  it('gives LinkedIn (channel 3) customers the highest mean clv, over 1.5 times any other channel', () => {
    const means = [...byChannel].map(([code, rows]) => [code, meanAt(clv, rows)] as const).sort((a, b) => b[1] - a[1]);
    expect(means[0][0]).toBe('3');
    expect(means[0][1]).toBeGreaterThan(1.5 * means[1][1]);
  });

  it('makes each channel’s customers recognisable: mean minutes or clv 20 % apart from any other channel', () => {
    const profiles = [...byChannel.values()].map((rows) => [meanAt(minutes, rows), meanAt(clv, rows)]);
    expect(profiles).toHaveLength(CUSTOMER_PERSONAS.length);
    for (let a = 0; a < profiles.length; a++) {
      for (let b = a + 1; b < profiles.length; b++) {
        const ratio = (i: number) =>
          Math.max(profiles[a][i], profiles[b][i]) / Math.min(profiles[a][i], profiles[b][i]);
        expect(Math.max(ratio(0), ratio(1))).toBeGreaterThan(1.2);
      }
    }
  });

  it('draws YouTube mostly from Western Europe, Instagram from Asia-Pacific and Google from North America', () => {
    const dominant = (code: number, regionCode: number) => {
      const rows = byChannel.get(String(code)) ?? [];
      return rows.filter((r) => region[r] === regionCode).length / rows.length;
    };
    expect(dominant(5, 0)).toBeGreaterThan(0.6);
    expect(dominant(4, 2)).toBeGreaterThan(0.6);
    expect(dominant(2, 1)).toBeGreaterThan(0.6);
  });
});

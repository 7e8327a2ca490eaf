import { kMeansRestartCost, silhouetteCost, wardCost, WorkMeter } from '../../../shared/segment/progress';

describe('WorkMeter', () => {
  test('WorkMeter reports the work done against a fixed total, capped at the total', () => {
    const reports: [number, number][] = [];
    const meter = new WorkMeter(10, (done, total) => reports.push([done, total]));
    meter.advance(4);
    meter.advance(0);
    meter.advance(9);
    meter.finish();
    expect(reports).toEqual([
      [4, 10],
      [4, 10],
      [10, 10],
      [10, 10],
    ]);
  });

  test('WorkMeter works without a callback', () => {
    expect(() => new WorkMeter(3).advance(1)).not.toThrow();
  });
});

describe('work estimates', () => {
  test('a silhouette costs 0.75·m², a Ward tree n², a k-means run n·k·(5 + ln k)', () => {
    expect(silhouetteCost(100)).toBe(7500);
    expect(wardCost(30)).toBe(900);
    expect(kMeansRestartCost(1000, 1)).toBe(5000);
  });
});

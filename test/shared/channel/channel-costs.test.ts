import { InputError } from '../../../shared/errors';
import { costsByChannel } from '../../../shared/channel/channel-costs';
import type { Column } from '../../../shared/table/types';
import { numbers, table } from '../../helpers/columns';

const text = (name: string, values: (string | null)[]): Column => ({ name, type: 'TEXT', values });

describe('costsByChannel', () => {
  test('costsByChannel(table, columns) sums the rows of each channel, in order of first appearance', () => {
    // Google 100 + 50.5, 40 + 10 clicks; Bing 30, 0 clicks; the row without a channel is left out
    const costs = table(
      text('src', ['Google', 'Bing', 'Google', null]),
      numbers('spend', [100, 30, 50.5, 9]),
      numbers('clicks', [40, 0, 10, 1]),
    );
    const { costs: byChannel, warnings } = costsByChannel(costs, {
      channelColumn: 'src',
      spendColumn: 'spend',
      clicksColumn: 'clicks',
    });
    expect([...byChannel.entries()]).toEqual([
      ['Google', { spend: 150.5, clicks: 50, impressions: null }],
      ['Bing', { spend: 30, clicks: 0, impressions: null }],
    ]);
    expect(warnings).toEqual([
      'costs.channelColumn: left out 1 row of the costs table with no channel in "src" (first: row 4)',
    ]);
  });

  test('costsByChannel counts a missing spend as 0 with a warning', () => {
    const costs = table(text('src', ['A', 'A']), numbers('spend', [null, 20]));
    const { costs: byChannel, warnings } = costsByChannel(costs, { channelColumn: 'src', spendColumn: 'spend' });
    expect(byChannel.get('A')?.spend).toBe(20);
    expect(warnings).toEqual([
      'costs.spendColumn: 1 row of the costs table with no spend in "spend", counted as 0 (first: row 1)',
    ]);
  });

  test('costsByChannel throws InputError naming the row of a negative spend or click count', () => {
    const negative = table(text('src', ['A', 'B']), numbers('spend', [5, -2]), numbers('clicks', [1, 2]));
    const call = () => costsByChannel(negative, { channelColumn: 'src', spendColumn: 'spend' });
    expect(call).toThrow(InputError);
    expect(call).toThrow('costs.spendColumn: row 2 has spend -2 in column "spend"; expected a number ≥ 0');
    const clicks = table(text('src', ['A']), numbers('spend', [5]), numbers('clicks', [-1]));
    expect(() =>
      costsByChannel(clicks, { channelColumn: 'src', spendColumn: 'spend', clicksColumn: 'clicks' }),
    ).toThrow('costs.clicksColumn: row 1 has click count -1');
    expect(() => costsByChannel(clicks, { channelColumn: 'src', spendColumn: 'cost' })).toThrow(
      /^costs.spendColumn: no column "cost"/,
    );
  });
});

import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { InputError } from '../../shared/errors';
import { getColumn, stringValues } from '../../shared/table/access';
import { loadTable } from '../analysis/load-table';
import { runReport } from '../analysis/run-report';
import { segmentLabelsByKey } from '../analysis/segment-join';
import type { Context } from '../context';
import { COST } from '../hardening/costs';
import { ChannelInput } from './channel.input';
import type { ChannelOptions } from '../../shared/channel/types';
import { connectedChannels } from '../warehouse/connected-channels';
import { connectedSource } from '../warehouse/connected-source';
import { ChannelReport } from './channel.type';

@Resolver()
export class ChannelResolver {
  @Query(() => ChannelReport, {
    complexity: COST.analysis,
    description: 'Channel economics (CPC, CPA, ROI, ROAS, LTV:CAC) and a recommendation per channel.',
  })
  async channels(@Arg('input') input: ChannelInput, @Ctx() ctx: Context): Promise<ChannelReport> {
    if (input.segmentColumn && input.segmentationId) {
      throw new InputError('channels: give at most one of segmentColumn and segmentationId', 'input');
    }
    if (input.segmentationId && !input.userColumn) {
      throw new InputError(
        'userColumn: needed to join the users table to segmentation ' + input.segmentationId,
        'userColumn',
      );
    }
    const c = input.costs;
    const options: ChannelOptions = {
      channelColumn: input.channelColumn,
      convertedColumn: input.convertedColumn ?? undefined,
      valueColumn: input.valueColumn ?? undefined,
      segmentColumn: input.segmentColumn ?? undefined,
      costs: c
        ? {
            channelColumn: c.channelColumn,
            spendColumn: c.spendColumn,
            clicksColumn: c.clicksColumn ?? undefined,
            impressionsColumn: c.impressionsColumn ?? undefined,
          }
        : undefined,
      targetLtvToCac: input.targetLtvToCac ?? undefined,
      minLtvToCac: input.minLtvToCac ?? undefined,
      minUsers: input.minUsers ?? undefined,
      reduceBelowShare: input.reduceBelowShare ?? undefined,
      margin: input.margin ?? undefined,
      lifetimeMonths: input.lifetimeMonths ?? undefined,
    };
    const connected = await connectedSource(ctx, input);
    if (connected) return (await connectedChannels(ctx, connected, input, options)) as ChannelReport;
    const users = await loadTable(ctx, input, [
      input.channelColumn,
      input.convertedColumn,
      input.valueColumn,
      input.segmentColumn,
      input.userColumn,
    ]);
    const costs = c
      ? await loadTable(ctx, c, [c.channelColumn, c.spendColumn, c.clicksColumn, c.impressionsColumn], 'costs')
      : undefined;
    let segments: (string | null)[] | undefined;
    if (input.segmentationId) {
      const membership = await segmentLabelsByKey(ctx, input.segmentationId);
      const byKey = new Map(membership.keys.map((k, i) => [k, membership.values[i]]));
      segments = stringValues(getColumn(users, input.userColumn!, 'userColumn')).map((key) =>
        key === null ? null : (byKey.get(key) ?? null),
      );
    }
    const report = await runReport(ctx, 'channels', {
      users,
      options: segments ? { ...options, segments } : options,
      ...(costs ? { costs } : {}),
    });
    return report as ChannelReport;
  }
}

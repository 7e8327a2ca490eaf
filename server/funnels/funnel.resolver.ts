import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { InputError } from '../../shared/errors';
import type { FunnelAttributes } from '../../shared/funnel/types';
import { loadTable } from '../analysis/load-table';
import { runReport } from '../analysis/run-report';
import { segmentLabelsByKey } from '../analysis/segment-join';
import type { Context } from '../context';
import { COST } from '../hardening/costs';
import { connectedFunnel } from '../warehouse/connected-funnel';
import { connectedSource } from '../warehouse/connected-source';
import { FunnelInput } from './funnel.input';
import { FunnelReport } from './funnel.type';

@Resolver()
export class FunnelResolver {
  @Query(() => FunnelReport, {
    complexity: COST.analysis,
    description: 'Users at each step, conversion, drop-off and time between steps.',
  })
  async funnel(@Arg('input') input: FunnelInput, @Ctx() ctx: Context): Promise<FunnelReport> {
    const breakdowns = [input.breakdownColumn, input.attributes, input.segmentationId].filter(
      (b) => b !== undefined && b !== null,
    );
    if (breakdowns.length > 1) {
      throw new InputError('funnel: give at most one of breakdownColumn, attributes and segmentationId', 'input');
    }
    const connected = await connectedSource(ctx, input);
    if (connected) return (await connectedFunnel(ctx, connected, input)) as FunnelReport;
    const events = await loadTable(ctx, input, [
      input.userColumn,
      input.stepColumn,
      input.timeColumn,
      input.breakdownColumn,
      ...(input.holdConstant ?? []),
    ]);
    let attributes: FunnelAttributes | undefined;
    if (input.attributes) {
      const a = input.attributes;
      attributes = {
        table: await loadTable(ctx, a, [a.userColumn, a.column], 'attributes'),
        userColumn: a.userColumn,
        column: a.column,
      };
    } else if (input.segmentationId) {
      attributes = await segmentLabelsByKey(ctx, input.segmentationId);
    }
    const report = await runReport(ctx, 'funnel', {
      events,
      options: {
        userColumn: input.userColumn,
        stepColumn: input.stepColumn,
        steps: input.steps,
        timeColumn: input.timeColumn ?? undefined,
        conversionWindowSeconds: input.conversionWindowSeconds ?? undefined,
        order: input.order ?? undefined,
        breakdownColumn: input.breakdownColumn ?? undefined,
        exclusions: input.exclusions ?? undefined,
        holdConstant: input.holdConstant ?? undefined,
        stepWindowsSeconds: input.stepWindowsSeconds ?? undefined,
      },
      ...(attributes ? { attributes } : {}),
    });
    return report as FunnelReport;
  }
}

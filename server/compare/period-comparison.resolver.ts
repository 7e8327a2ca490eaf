import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { loadTable } from '../analysis/load-table';
import { runReport } from '../analysis/run-report';
import type { Context } from '../context';
import { COST } from '../hardening/costs';
import { connectedPeriodComparison } from '../warehouse/connected-period-comparison';
import { connectedSource } from '../warehouse/connected-source';
import { PeriodComparisonInput } from './period-comparison.input';
import { PeriodComparison } from './period-comparison.type';

@Resolver()
export class PeriodComparisonResolver {
  @Query(() => PeriodComparison, {
    complexity: COST.analysis,
    description: 'Two periods side by side: totals, growth, customers, average ticket, shares.',
  })
  async periodComparison(@Arg('input') input: PeriodComparisonInput, @Ctx() ctx: Context): Promise<PeriodComparison> {
    const columns = [input.periodColumn, input.valueColumn, input.customersColumn, ...input.dimensions];
    const connected = await connectedSource(ctx, input);
    if (connected) return (await connectedPeriodComparison(connected, input)) as PeriodComparison;
    const table = await loadTable(ctx, input, columns);
    const options = {
      periodColumn: input.periodColumn,
      base: input.base,
      compare: input.compare,
      dimensions: input.dimensions,
      valueColumn: input.valueColumn,
      customersColumn: input.customersColumn,
    };
    return (await runReport(ctx, 'periodComparison', { table, options })) as PeriodComparison;
  }
}

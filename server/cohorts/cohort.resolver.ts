import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { loadTable } from '../analysis/load-table';
import { runReport } from '../analysis/run-report';
import type { Context } from '../context';
import { CohortInput } from './cohort.input';
import { CohortReport } from './cohort.type';

@Resolver()
export class CohortResolver {
  @Query(() => CohortReport, { description: 'Cohorts by first transaction: active customers, retention, revenue.' })
  async cohorts(@Arg('input') input: CohortInput, @Ctx() ctx: Context): Promise<CohortReport> {
    const table = await loadTable(ctx, input, [input.customerColumn, input.dateColumn, input.amountColumn]);
    const options = {
      customerColumn: input.customerColumn,
      dateColumn: input.dateColumn,
      amountColumn: input.amountColumn ?? undefined,
      period: input.period ?? undefined,
      periods: input.periods ?? undefined,
    };
    return (await runReport(ctx, 'cohorts', { table, options })) as CohortReport;
  }
}

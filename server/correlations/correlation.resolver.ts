import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { loadTable } from '../analysis/load-table';
import { runReport } from '../analysis/run-report';
import type { Context } from '../context';
import { CorrelationInput } from './correlation.input';
import { CorrelationReport } from './correlation.type';

@Resolver()
export class CorrelationResolver {
  @Query(() => CorrelationReport, {
    description: 'Pearson or Spearman correlations of columns and category indicators, with p-values.',
  })
  async correlations(@Arg('input') input: CorrelationInput, @Ctx() ctx: Context): Promise<CorrelationReport> {
    const table = await loadTable(ctx, input, input.columns);
    const options = {
      columns: input.columns,
      categorical: input.categorical ?? undefined,
      method: input.method ?? undefined,
      target: input.target ?? undefined,
    };
    return (await runReport(ctx, 'correlations', { table, options })) as CorrelationReport;
  }
}

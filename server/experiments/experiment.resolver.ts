import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { experimentReport } from '../../shared/experiment/experiment-report';
import { sampleSize } from '../../shared/experiment/sample-size';
import type { ExperimentReport as CoreReport } from '../../shared/experiment/types';
import { loadTable } from '../analysis/load-table';
import type { Context } from '../context';
import { connectedExperiment } from '../warehouse/connected-experiment';
import { connectedSource } from '../warehouse/connected-source';
import { ExperimentInput, SampleSizeInput } from './experiment.input';
import { ExperimentReport, SampleSizeResult } from './experiment.type';

@Resolver()
export class ExperimentResolver {
  @Query(() => ExperimentReport, { description: 'Conversion and revenue per variant against the control, with tests.' })
  async experiment(@Arg('input') input: ExperimentInput, @Ctx() ctx: Context): Promise<ExperimentReport> {
    const columns = [input.variantColumn, input.conversionColumn, input.revenueColumn, ...(input.segmentColumns ?? [])];
    const connected = await connectedSource(ctx, input);
    const report: CoreReport = connected
      ? await connectedExperiment(connected, input)
      : experimentReport(await loadTable(ctx, input, columns), {
          variantColumn: input.variantColumn,
          control: input.control,
          conversionColumn: input.conversionColumn,
          revenueColumn: input.revenueColumn,
          segmentColumns: input.segmentColumns,
          alpha: input.alpha,
          correction: input.correction,
          pairwise: input.pairwise,
          expectedSplit: input.expectedSplit,
        });
    return {
      ...report,
      correction: report.correction as ExperimentReport['correction'],
      segments: report.segments.map((s) => ({ column: s.column, value: s.value, ...s.report })),
    };
  }

  @Query(() => SampleSizeResult, { description: 'Users per variant needed to detect an effect on a conversion rate.' })
  sampleSize(@Arg('input') input: SampleSizeInput): SampleSizeResult {
    return sampleSize(input);
  }
}

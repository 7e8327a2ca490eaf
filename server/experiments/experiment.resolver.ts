import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { InputError } from '../../shared/errors';
import { sampleSize } from '../../shared/experiment/sample-size';
import type { ExperimentReport as CoreReport } from '../../shared/experiment/types';
import { loadTable } from '../analysis/load-table';
import { runReport } from '../analysis/run-report';
import { segmentNamesOfRows } from '../analysis/segment-join';
import type { Context } from '../context';
import { COST } from '../hardening/costs';
import { connectedExperiment } from '../warehouse/connected-experiment';
import { connectedSource } from '../warehouse/connected-source';
import { ExperimentInput, SampleSizeInput } from './experiment.input';
import { ExperimentReport, SampleSizeResult } from './experiment.type';

@Resolver()
export class ExperimentResolver {
  @Query(() => ExperimentReport, {
    complexity: COST.analysis,
    description: 'Conversion and revenue per variant against the control, with tests.',
  })
  async experiment(@Arg('input') input: ExperimentInput, @Ctx() ctx: Context): Promise<ExperimentReport> {
    const columns = [
      input.variantColumn,
      input.conversionColumn,
      input.revenueColumn,
      input.covariateColumn,
      input.userColumn,
      ...(input.segmentColumns ?? []),
    ];
    if (input.userColumn && !input.segmentationId) {
      throw new InputError(
        'userColumn: only used to join a segmentationId; give one or leave userColumn out',
        'userColumn',
      );
    }
    const connected = await connectedSource(ctx, input);
    const report: CoreReport = connected
      ? await connectedExperiment(ctx, connected, input)
      : await inMemory(ctx, input, columns);
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

/** The report over the rows loaded into memory (stored datasets and inline tables). */
async function inMemory(
  ctx: Context,
  input: ExperimentInput,
  columns: (string | null | undefined)[],
): Promise<CoreReport> {
  const table = await loadTable(ctx, input, columns);
  const segments = input.segmentationId
    ? await segmentNamesOfRows(ctx, input.segmentationId, table, input.userColumn, input.datasetId)
    : null;
  return runReport(ctx, 'experiment', {
    table,
    options: {
      variantColumn: input.variantColumn,
      control: input.control,
      conversionColumn: input.conversionColumn,
      revenueColumn: input.revenueColumn,
      segmentColumns: input.segmentColumns,
      alpha: input.alpha,
      correction: input.correction,
      pairwise: input.pairwise,
      expectedSplit: input.expectedSplit,
      covariateColumn: input.covariateColumn,
      sequential: input.sequential,
      sequentialTuning: input.sequentialTuning,
      segments,
    },
  });
}

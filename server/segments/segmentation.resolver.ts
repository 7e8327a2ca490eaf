import { Arg, Ctx, FieldResolver, Float, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { COST, pageCost } from '../hardening/costs';
import type { SegmentationEntity } from '../storage/entities/segmentation.entity';
import { RfmInput } from './rfm.input';
import { SegmentInput } from './segment.input';
import { DEFAULT_MEMBERS_PAGE, DEFAULT_MERGES, MAX_MEMBERS_PAGE, MAX_MERGES } from './segmentation.service';
import { MemberConnection, Merge, Segmentation } from './segmentation.type';

@Resolver(() => Segmentation)
export class SegmentationResolver {
  @Query(() => Segmentation, { nullable: true, description: 'A stored run of your workspace; null when unknown.' })
  async segmentation(
    @Arg('id', () => ID) id: string,
    @Ctx() { services, workspaceId }: Context,
  ): Promise<SegmentationEntity | null> {
    const run = await services.segmentations.find(workspaceId, id);
    return run && visible(run);
  }

  @Query(() => [Segmentation], { description: 'The stored runs of your workspace (of one dataset), newest first.' })
  async segmentations(
    @Arg('datasetId', () => ID, { nullable: true }) datasetId: string | null,
    @Ctx() { services, workspaceId }: Context,
  ): Promise<SegmentationEntity[]> {
    return (await services.segmentations.list(workspaceId, datasetId)).map(visible);
  }

  @Mutation(() => Segmentation, {
    complexity: COST.run,
    description:
      'Segments rows with k-means or Ward, profiles and names the segments, and stores the run. With background: ' +
      'true it answers at once with the run RUNNING.',
  })
  async segment(@Arg('input') input: SegmentInput, @Ctx() ctx: Context): Promise<SegmentationEntity> {
    return visible(await ctx.services.segmentations.segment(ctx, input));
  }

  @Mutation(() => Segmentation, {
    complexity: COST.run,
    description: 'RFM segments of customers from transaction rows; stores the run (background: true as segment).',
  })
  async rfm(@Arg('input') input: RfmInput, @Ctx() ctx: Context): Promise<SegmentationEntity> {
    return visible(await ctx.services.segmentations.rfm(ctx, input));
  }

  @Mutation(() => Boolean, {
    description:
      'Stops a background run, on whichever server computes it, and stores none of its results: its status ' +
      'becomes CANCELLED. True when the run is cancelled; false when it had already finished (DONE or FAILED).',
  })
  cancelSegmentation(@Arg('id', () => ID) id: string, @Ctx() { services, workspaceId }: Context): Promise<boolean> {
    return services.segmentations.cancel(workspaceId, id);
  }

  @Mutation(() => Boolean, { description: 'Deletes a stored run.' })
  deleteSegmentation(@Arg('id', () => ID) id: string, @Ctx() { services, workspaceId }: Context): Promise<boolean> {
    return services.segmentations.delete(workspaceId, id);
  }

  @FieldResolver(() => [Int], {
    complexity: COST.perRowList,
    nullable: 'itemsAndList',
    description: 'One label per input row (RFM: per customer), in input order; null for rows left out.',
  })
  async labels(@Root() run: SegmentationEntity, @Ctx() { services }: Context): Promise<(number | null)[] | null> {
    return run.status === 'DONE' ? services.segmentations.labels(run) : null;
  }

  @FieldResolver(() => [Float], {
    complexity: COST.perRowList,
    nullable: 'itemsAndList',
    description:
      'rowMetrics runs: each input row’s distance to its segment’s centre (as Member.distance), input order; null ' +
      'for rows left out; null for runs without rowMetrics.',
  })
  async rowDistances(@Root() run: SegmentationEntity, @Ctx() { services }: Context): Promise<(number | null)[] | null> {
    return run.status === 'DONE' ? services.segmentations.rowMetric(run, 'distance') : null;
  }

  @FieldResolver(() => [Float], {
    complexity: COST.perRowList,
    nullable: 'itemsAndList',
    description:
      'rowMetrics runs: each input row’s silhouette (as Member.silhouette), input order; null for rows left out; ' +
      'null for runs without rowMetrics.',
  })
  async rowSilhouettes(
    @Root() run: SegmentationEntity,
    @Ctx() { services }: Context,
  ): Promise<(number | null)[] | null> {
    return run.status === 'DONE' ? services.segmentations.rowMetric(run, 'silhouette') : null;
  }

  @FieldResolver(() => [Int], {
    complexity: COST.perRowList,
    nullable: true,
    description: 'Input rows (0-based) dropped for a missing value (missing = DROP).',
  })
  async droppedRows(@Root() run: SegmentationEntity, @Ctx() { services }: Context): Promise<number[] | null> {
    return run.status === 'DONE' ? services.segmentations.droppedRows(run) : null;
  }

  @FieldResolver(() => [Int], {
    complexity: COST.perRowList,
    nullable: true,
    description: 'Input rows (0-based) set aside as outliers (excludeOutliers).',
  })
  async outlierRows(@Root() run: SegmentationEntity, @Ctx() { services }: Context): Promise<number[] | null> {
    return run.status === 'DONE' ? services.segmentations.outlierRows(run) : null;
  }

  @FieldResolver(() => MemberConnection, {
    complexity: pageCost,
    nullable: true,
    description:
      `The rows with their segment, in row order, ${DEFAULT_MEMBERS_PAGE} per page unless \`first\` says otherwise ` +
      `(at most ${MAX_MEMBERS_PAGE}). \`segment\` keeps one segment's members by label; -1 lists the rows set aside ` +
      'as outliers (label null). Without it every row is listed, rows left out included.',
  })
  members(
    @Root() run: SegmentationEntity,
    @Ctx() { services }: Context,
    @Arg('segment', () => Int, { nullable: true }) segment: number | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: DEFAULT_MEMBERS_PAGE }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<MemberConnection | null> | null {
    return run.status === 'DONE' ? services.segmentations.members(run, { segment, first, after }) : null;
  }

  @FieldResolver(() => [Merge], {
    complexity: COST.page,
    nullable: true,
    description:
      `WARD only (null otherwise): the last \`maxMerges\` merges (default ${DEFAULT_MERGES}, at most ${MAX_MERGES}) ` +
      'of the linkage over the segmented rows, as SciPy numbers them.',
  })
  dendrogram(
    @Root() run: SegmentationEntity,
    @Ctx() { services }: Context,
    @Arg('maxMerges', () => Int, { nullable: true, defaultValue: DEFAULT_MERGES }) maxMerges: number | null,
  ): Promise<Merge[] | null> | null {
    return run.status === 'DONE' ? services.segmentations.dendrogram(run, maxMerges) : null;
  }
}

/** Fields a client may read of a run that is not DONE; the rest are placeholders in storage, shown as null. */
const ALWAYS_VISIBLE = new Set<string>(['id', 'workspaceId', 'status', 'progress', 'error']);

/** The run as GraphQL shows it: all of it once DONE; otherwise id, status, progress and error, the rest null. */
function visible(run: SegmentationEntity): SegmentationEntity {
  if (run.status === 'DONE') return run;
  const shown = Object.fromEntries(
    Object.entries(run).map(([key, value]) => [key, ALWAYS_VISIBLE.has(key) ? value : null]),
  );
  return Object.assign(Object.create(Object.getPrototypeOf(run)) as SegmentationEntity, shown);
}

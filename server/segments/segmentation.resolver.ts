import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
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
  segmentation(
    @Arg('id', () => ID) id: string,
    @Ctx() { services, workspaceId }: Context,
  ): Promise<SegmentationEntity | null> {
    return services.segmentations.find(workspaceId, id);
  }

  @Query(() => [Segmentation], { description: 'The stored runs of your workspace (of one dataset), newest first.' })
  segmentations(
    @Arg('datasetId', () => ID, { nullable: true }) datasetId: string | null,
    @Ctx() { services, workspaceId }: Context,
  ): Promise<SegmentationEntity[]> {
    return services.segmentations.list(workspaceId, datasetId);
  }

  @Mutation(() => Segmentation, {
    complexity: COST.run,
    description: 'Segments rows with k-means or Ward, profiles and names the segments, and stores the run.',
  })
  segment(@Arg('input') input: SegmentInput, @Ctx() ctx: Context): Promise<SegmentationEntity> {
    return ctx.services.segmentations.segment(ctx, input);
  }

  @Mutation(() => Segmentation, {
    complexity: COST.run,
    description: 'RFM segments of customers from transaction rows; stores the run.',
  })
  rfm(@Arg('input') input: RfmInput, @Ctx() ctx: Context): Promise<SegmentationEntity> {
    return ctx.services.segmentations.rfm(ctx, input);
  }

  @Mutation(() => Boolean, { description: 'Deletes a stored run.' })
  deleteSegmentation(@Arg('id', () => ID) id: string, @Ctx() { services, workspaceId }: Context): Promise<boolean> {
    return services.segmentations.delete(workspaceId, id);
  }

  @FieldResolver(() => [Int], {
    complexity: COST.perRowList,
    nullable: 'items',
    description: 'One label per input row (RFM: per customer), in input order; null for rows left out.',
  })
  labels(@Root() run: SegmentationEntity, @Ctx() { services }: Context): Promise<(number | null)[]> {
    return services.segmentations.labels(run);
  }

  @FieldResolver(() => [Int], {
    complexity: COST.perRowList,
    description: 'Input rows (0-based) dropped for a missing value (missing = DROP).',
  })
  droppedRows(@Root() run: SegmentationEntity, @Ctx() { services }: Context): Promise<number[]> {
    return services.segmentations.droppedRows(run);
  }

  @FieldResolver(() => [Int], {
    complexity: COST.perRowList,
    description: 'Input rows (0-based) set aside as outliers (excludeOutliers).',
  })
  outlierRows(@Root() run: SegmentationEntity, @Ctx() { services }: Context): Promise<number[]> {
    return services.segmentations.outlierRows(run);
  }

  @FieldResolver(() => MemberConnection, {
    complexity: pageCost,
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
  ): Promise<MemberConnection> {
    return services.segmentations.members(run, { segment, first, after });
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
  ): Promise<Merge[] | null> {
    return services.segmentations.dendrogram(run, maxMerges);
  }
}

import { FieldResolver, Float, Resolver, Root } from 'type-graphql';
import type { SegmentationEntity } from '../storage/entities/segmentation.entity';
import { Segmentation } from './segmentation.type';

/** Segmentation.stability, derived from the stored segments' own values so no column is needed for it. */
@Resolver(() => Segmentation)
export class SegmentationStabilityResolver {
  @FieldResolver(() => Float, {
    nullable: true,
    description:
      'Mean of the segments’ stabilities (each segment counts once; the outlier segment is not clustered and not ' +
      'counted); null unless the run asked for stabilityResamples.',
  })
  stability(@Root() run: SegmentationEntity): number | null {
    // A run still in progress (background runs) may have no segments yet.
    const values = (run.segments ?? []).flatMap((s) => (typeof s.stability === 'number' ? [s.stability] : []));
    return values.length > 0 ? values.reduce((sum, v) => sum + v, 0) / values.length : null;
  }
}

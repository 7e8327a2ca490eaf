import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../context';
import { AssignSegmentsInput } from './assign-segments.input';
import { assignToSegmentation } from './assign-segments.service';
import { SegmentAssignment } from './assign-segments.type';

@Resolver()
export class AssignSegmentsResolver {
  @Mutation(() => SegmentAssignment, {
    description:
      'Puts new rows into a stored segmentation’s segments with the run’s own fill values, levels and scaling ' +
      '(nearest centroid, as scikit-learn’s scaler.transform + KMeans.predict). Stores nothing.',
  })
  assignSegments(@Arg('input') input: AssignSegmentsInput, @Ctx() ctx: Context): Promise<SegmentAssignment> {
    return assignToSegmentation(ctx, input);
  }
}

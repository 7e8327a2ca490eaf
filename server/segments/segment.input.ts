import { Field, Float, InputType, Int } from 'type-graphql';
import { TableSourceInput } from '../analysis/table-source.input';
import { MissingPolicy, Scaling, SegmentMethod } from './segment.enums';

@InputType({ description: 'Segments the rows of a table by the given feature columns.' })
export class SegmentInput extends TableSourceInput {
  @Field(() => String, { nullable: true, description: 'A name to find the run by later.' })
  name?: string | null;

  @Field(() => [String], { description: 'Columns to cluster on. CATEGORY and BOOLEAN columns are one-hot encoded.' })
  features!: string[];

  @Field(() => [String], {
    nullable: true,
    description:
      'Numeric-coded columns to one-hot encode (a region coded 0/1/2); they need not be repeated in features.',
  })
  categorical?: string[] | null;

  @Field(() => MissingPolicy, { nullable: true, description: 'Default ZERO.' })
  missing?: MissingPolicy | null;

  @Field(() => Scaling, { nullable: true, description: 'Default STANDARD.' })
  scaling?: Scaling | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Columns transformed with log1p before scaling (skewed amounts).',
  })
  logTransform?: string[] | null;

  @Field(() => SegmentMethod, { nullable: true, description: 'KMEANS (default) or WARD.' })
  method?: SegmentMethod | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Number of segments; omitted → the best silhouette over kMin..kMax.',
  })
  k?: number | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Smallest k scored (default 2). 1 adds k = 1 (inertia only: a silhouette needs two segments) to kSelection, ' +
      'anchoring the elbow curve.',
  })
  kMin?: number | null;

  @Field(() => Int, { nullable: true, description: 'Largest k scored (default 10, lowered to the usable rows − 1).' })
  kMax?: number | null;

  @Field(() => Int, { nullable: true, description: 'k-means runs from different seeds, the best kept (default 10).' })
  restarts?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Seed of every random choice (default 0): same seed, same segments.',
  })
  seed?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'A column identifying each row (customer id), returned as the members’ key.',
  })
  keyColumn?: string | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Segments with fewer than this fraction of the rows are flagged isOutlier (default 0.01).',
  })
  minSegmentShare?: number | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Set the rows of flagged segments aside (labels null, one extra segment, label -1) and segment the rest.',
  })
  excludeOutliers?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Answer at once with the run RUNNING and compute it in the background: poll `segmentation(id)` for `status` ' +
      'and `progress`, stop it with `cancelSegmentation`. No time limit applies (QUADRANT_ANALYSIS_TIMEOUT does not).',
  })
  background?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Compute the exact silhouette however many rows there are (O(n²): minutes at 100,000 rows); by default it is ' +
      'sampled on large inputs (silhouetteMethod SAMPLED).',
  })
  exactSilhouette?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Also store each row’s distance to its segment’s centre and its own silhouette (`Member.distance`, ' +
      '`Member.silhouette`, `Segmentation.rowDistances`, `rowSilhouettes`). The silhouettes are exact when the run’s ' +
      'silhouette is (silhouetteMethod EXACT); above the sample size each row is scored against the silhouette’s ' +
      'sample (O(n·m·d): seconds at 100,000 rows). Default false.',
  })
  rowMetrics?: boolean | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Bootstrap resamples for segment stability (Hennig’s clusterboot): each segment’s mean Jaccard similarity to ' +
      'its best match when the rows are resampled and clustered again; 0 (default) = off, 20–100 typical.',
  })
  stabilityResamples?: number | null;
}

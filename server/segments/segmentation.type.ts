import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { RunStatus, SegmentationKind, SegmentMethod, SilhouetteMethod } from './segment.enums';

@ObjectType({ description: 'Inertia and silhouette of one k tried.' })
export class KScore {
  @Field(() => Int) k!: number;
  @Field(() => Float, { description: 'Within-segment sum of squared distances to the centres (scaled features).' })
  inertia!: number;
  @Field(() => Float, { nullable: true, description: 'Mean silhouette; null for k = 1.' })
  silhouette!: number | null;
}

@ObjectType({ description: 'A numeric feature of a segment against all segmented rows, in the feature’s own units.' })
export class SegmentFeature {
  @Field() name!: string;
  @Field(() => Float, { nullable: true, description: 'Mean over the segment’s members with a value.' })
  mean!: number | null;
  @Field(() => Float, { nullable: true, description: 'Mean over all segmented rows with a value.' })
  overallMean!: number | null;
  @Field(() => Float, {
    nullable: true,
    description: '(mean − overallMean) / overall population std; null when undefined.',
  })
  difference!: number | null;
}

@ObjectType({ description: 'A level of a categorical column: its share in the segment against its share overall.' })
export class SegmentCategory {
  @Field() column!: string;
  @Field() level!: string;
  @Field(() => Float) share!: number;
  @Field(() => Float) overallShare!: number;
}

@ObjectType({ description: 'One segment: size, cohesion, a readable name and how its members differ.' })
export class Segment {
  @Field(() => Int, {
    description: 'The segment’s label in `labels`; -1 for the segment of rows set aside by excludeOutliers.',
  })
  label!: number;
  @Field() name!: string;
  @Field(() => Int) size!: number;
  @Field(() => Float, { description: 'size / all segmented rows, outliers included: shares sum to 1.' })
  share!: number;
  @Field({ description: 'Under minSegmentShare of the rows, or the segment of rows set aside.' })
  isOutlier!: boolean;
  @Field(() => Float, { nullable: true, description: 'Mean silhouette of the members.' })
  silhouette!: number | null;
  @Field(() => Float, {
    nullable: true,
    description:
      'Mean Jaccard similarity to its best match over bootstrap resamples (1 = always comes back); null when not asked.',
  })
  stability?: number | null;
  @Field(() => [SegmentFeature]) features!: SegmentFeature[];
  @Field(() => [SegmentCategory]) categories!: SegmentCategory[];
  @Field(() => Float, { nullable: true, description: 'RFM: mean recency (days) of the segment’s customers.' })
  recency?: number | null;
  @Field(() => Float, { nullable: true, description: 'RFM: mean frequency (transactions in the window).' })
  frequency?: number | null;
  @Field(() => Float, { nullable: true, description: 'RFM: mean monetary value (amount in the window).' })
  monetary?: number | null;
  @Field(() => Float, { nullable: true, description: 'RFM: mean R quintile score (5 = most recent).' })
  rScore?: number | null;
  @Field(() => Float, { nullable: true, description: 'RFM: mean F quintile score (5 = most frequent).' })
  fScore?: number | null;
  @Field(() => Float, { nullable: true, description: 'RFM: mean M quintile score (5 = highest spend).' })
  mScore?: number | null;
}

@ObjectType({ description: 'A row of the input (a customer for RFM) with its segment.' })
export class Member {
  @Field(() => Int, { description: 'The input row, 0-based (RFM: the customer, in order of first transaction).' })
  row!: number;
  @Field(() => String, { nullable: true, description: 'keyColumn’s value (RFM: the customer); null without one.' })
  key!: string | null;
  @Field(() => Int, { nullable: true, description: 'The segment label; null for a row left out.' })
  label!: number | null;
  @Field(() => String, {
    nullable: true,
    description: 'The segment’s name; the outlier segment’s for rows set aside, null for rows dropped (DROP).',
  })
  segment!: string | null;
  @Field(() => Float, { nullable: true, description: 'RFM: whole days from the last transaction to asOf.' })
  recency!: number | null;
  @Field(() => Float, { nullable: true, description: 'RFM: transactions in the window.' })
  frequency!: number | null;
  @Field(() => Float, { nullable: true, description: 'RFM: summed amount in the window.' })
  monetary!: number | null;
  @Field(() => Int, { nullable: true, description: 'RFM: R quintile score 1–5 (5 = most recent).' })
  rScore!: number | null;
  @Field(() => Int, { nullable: true, description: 'RFM: F quintile score 1–5 (5 = most frequent).' })
  fScore!: number | null;
  @Field(() => Int, { nullable: true, description: 'RFM: M quintile score 1–5 (5 = highest spend).' })
  mScore!: number | null;
  @Field(() => Float, {
    nullable: true,
    description:
      'rowMetrics runs: Euclidean distance, in the run’s scaled feature space, to the segment’s centre (as ' +
      'KMeans.transform); null for rows left out and for runs without rowMetrics.',
  })
  distance!: number | null;
  @Field(() => Float, {
    nullable: true,
    description:
      'rowMetrics runs: the row’s silhouette (as silhouette_samples when silhouetteMethod is EXACT, else against ' +
      'the silhouette’s sample); null for rows left out and for runs without rowMetrics.',
  })
  silhouette!: number | null;
}

@ObjectType()
export class MemberEdge {
  @Field({ description: 'Opaque; pass as `after` to continue after this member.' }) cursor!: string;
  @Field(() => Member) node!: Member;
}

@ObjectType()
export class PageInfo {
  @Field() hasNextPage!: boolean;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}

@ObjectType({ description: 'A page of members (Relay connection), in row order.' })
export class MemberConnection {
  @Field(() => [MemberEdge]) edges!: MemberEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int, { description: 'Members matching the segment filter, over all pages.' }) totalCount!: number;
}

@ObjectType({ description: 'One merge of the Ward linkage, as a row of SciPy’s linkage matrix.' })
export class Merge {
  @Field(() => Int, { description: 'The id of the cluster this merge makes: n + its index among the merges.' })
  id!: number;
  @Field(() => Int, { description: 'SciPy id: < n a leaf (a segmented row), ≥ n the cluster made by merge id − n.' })
  left!: number;
  @Field(() => Int) right!: number;
  @Field(() => Float, { description: 'Ward distance at which the two merge.' }) distance!: number;
  @Field(() => Int, { description: 'Rows in the merged cluster.' }) size!: number;
  @Field(() => Int, { nullable: true, description: 'The input row (0-based) when left is a leaf.' })
  leftRow!: number | null;
  @Field(() => Int, { nullable: true, description: 'The input row (0-based) when right is a leaf.' })
  rightRow!: number | null;
}

@ObjectType({
  description:
    'A stored segmentation or RFM run. A background run starts RUNNING: until it is DONE, every field but id, ' +
    'status, progress and error is null.',
})
export class Segmentation {
  @Field(() => ID) id!: string;
  @Field(() => RunStatus, { description: 'RUNNING, DONE, FAILED or CANCELLED; runs answered at once are DONE.' })
  status!: RunStatus;
  @Field(() => Float, {
    nullable: true,
    description: 'Fraction of the work done, 0..1, written by the computing server about twice a second; 1 when DONE.',
  })
  progress!: number | null;
  @Field(() => String, { nullable: true, description: 'FAILED: what went wrong (bad input is named as usual).' })
  error!: string | null;
  @Field(() => String, { nullable: true }) name!: string | null;
  @Field(() => SegmentationKind, { nullable: true }) kind!: SegmentationKind | null;
  @Field(() => SegmentMethod, { nullable: true }) method!: SegmentMethod | null;
  @Field(() => ID, { nullable: true, description: 'The dataset segmented; null for an inline table.' })
  datasetId!: string | null;
  @Field(() => String, { nullable: true, description: 'When the run was stored (ISO 8601, UTC).' })
  createdAt!: string | null;
  @Field(() => Int, { nullable: true, description: 'Segments formed, the outlier segment not counted.' })
  k!: number | null;
  @Field(() => Int, { nullable: true, description: 'Input rows (RFM: customers with a transaction in the window).' })
  rowCount!: number | null;
  @Field(() => Float, { nullable: true, description: 'Mean silhouette of the segmented rows.' })
  silhouette!: number | null;
  @Field(() => SilhouetteMethod, {
    nullable: true,
    description: 'EXACT or SAMPLED (large inputs, unless exactSilhouette); null without a silhouette.',
  })
  silhouetteMethod!: SilhouetteMethod | null;
  @Field(() => Int, { nullable: true, description: 'SAMPLED: the rows the silhouette was computed on.' })
  silhouetteSampleSize!: number | null;
  @Field(() => Float, { nullable: true, description: 'SAMPLED: standard error of the sampled mean silhouette.' })
  silhouetteStandardError!: number | null;
  @Field(() => Float, { nullable: true, description: 'Within-segment sum of squares in the scaled feature space.' })
  inertia!: number | null;
  @Field(() => Int, { nullable: true, description: 'The k with the highest silhouette among those tried.' })
  recommendedK!: number | null;
  @Field(() => String, { nullable: true }) recommendationReason!: string | null;
  @Field(() => Int, { nullable: true, description: 'Elbow of the inertia curve over kSelection; null without one.' })
  elbowK!: number | null;
  @Field(() => [KScore], { nullable: true }) kSelection!: KScore[] | null;
  @Field(() => [Segment], {
    nullable: true,
    description: 'Segments by label 0..k−1, then the outlier segment (label −1) if any.',
  })
  segments!: Segment[] | null;
  @Field(() => [String], {
    nullable: true,
    description: 'The clustered features after one-hot expansion ("region=1").',
  })
  featureNames!: string[] | null;
  @Field(() => [String], { nullable: true }) warnings!: string[] | null;
  @Field(() => String, { nullable: true, description: 'RFM: the instant recency is measured to (ISO 8601).' })
  asOf!: string | null;
  @Field(() => String, { nullable: true, description: 'RFM: the inclusive start of the window (ISO 8601).' })
  windowStart!: string | null;
  @Field(() => Int, { nullable: true, description: 'RFM: months of the window.' }) windowMonths!: number | null;
  @Field(() => Int, { nullable: true, description: 'RFM: customers with no transaction in the window, left out.' })
  excludedCustomers!: number | null;
}

import type { Helper } from '../parallel/helper';
/**
 * The plain result objects of the segmentation pipeline: what `runSegmentation` and `runRfm` hand to the server
 * (and to a worker thread), and what the GraphQL `Segmentation` type is mapped from.
 */
import type { SegmentModel } from './assign';
import type { KFit, KScore } from './choose-k';
import type { Algorithm } from './fit-partition';
import type { SilhouetteMethod } from './sampled-silhouette';

/** How missing cells are treated before clustering (GraphQL `MissingPolicy`). */
export type MissingPolicy = 'ZERO' | 'MEAN' | 'DROP';
/** How each feature is scaled before clustering (GraphQL `Scaling`). */
export type Scaling = 'STANDARD' | 'MINMAX' | 'NONE';
/** The clustering algorithm (GraphQL `SegmentMethod`). */
export type SegmentMethod = 'KMEANS' | 'WARD';
/** How RFM segments are formed (GraphQL `RfmMethod`). */
export type RfmMethod = 'SCORES' | 'KMEANS';

/** One original numeric feature of a segment against all segmented rows, in the feature's own units. */
export interface FeatureProfile {
  name: string;
  /** Mean over the segment's members with a value; null when none has one. */
  mean: number | null;
  /** Mean over all segmented rows with a value. */
  overallMean: number | null;
  /** Standardised difference: (mean − overallMean) / overall population std; null when undefined. */
  difference: number | null;
}

/** One level of a categorical column: its share among the segment's members against its share overall. */
export interface CategoryProfile {
  column: string;
  level: string;
  share: number;
  overallShare: number;
}

/** What a segment looks like: size, cohesion and how its members differ from everyone else. */
export interface SegmentProfile {
  /** The segment's label in `labels`; -1 for the outlier segment set aside by `excludeOutliers`. */
  label: number;
  size: number;
  /** size / all segmented rows (outliers included), so shares sum to 1. */
  share: number;
  /** Mean silhouette of the members; null when not computed. */
  silhouette: number | null;
  /** Mean Jaccard similarity to its best match over bootstrap resamples (see `clusterStability`); null when off. */
  stability?: number | null;
  features: FeatureProfile[];
  categories: CategoryProfile[];
}

/** A profiled segment with its readable name. */
export interface Segment extends SegmentProfile {
  name: string;
  /** Smaller than `minSegmentShare` of the rows (or the segment of rows set aside as outliers). */
  isOutlier: boolean;
}

/** Options of `runSegmentation`; names and defaults follow the GraphQL `SegmentInput`. */
export interface SegmentOptions {
  features: readonly string[];
  /** Numeric-coded columns to one-hot encode (a region coded 0/1/2). CATEGORY and BOOLEAN columns always are. */
  categorical?: readonly string[];
  missing?: MissingPolicy;
  scaling?: Scaling;
  /** Columns transformed with log1p before scaling (skewed amounts). */
  logTransform?: readonly string[];
  method?: SegmentMethod;
  /** Number of segments; omitted → chosen by silhouette over kMin..kMax. */
  k?: number;
  kMin?: number;
  kMax?: number;
  restarts?: number;
  seed?: number;
  /** A column identifying each row (customer id), returned as `keys`. */
  keyColumn?: string;
  /** Segments with fewer than this fraction of the rows are flagged `isOutlier` (default 0.01). */
  minSegmentShare?: number;
  /** Set the rows of flagged segments aside and cluster the rest again with the same options. */
  excludeOutliers?: boolean;
  /** Bootstrap resamples for segment stability (`clusterStability`); 0 (the default) = off. */
  stabilityResamples?: number;
  /** Display names for levels of categorical columns, by column then level: { region: { '0': 'North America' } }. */
  levelNames?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /**
   * Compute the exact silhouette however many rows there are (O(n²): minutes at 100,000 rows). By default it is
   * exact up to `silhouetteSampleSize` rows and sampled above (see SILHOUETTE_SAMPLE_SIZE).
   */
  exactSilhouette?: boolean;
  /** Rows up to which the silhouette is exact, and the rows sampled above (default SILHOUETTE_SAMPLE_SIZE, 5,000). */
  silhouetteSampleSize?: number;
  /**
   * Rows above which choosing k screens each k's k-means restarts on a seeded sample of this many rows (default
   * RESTART_SAMPLE_SIZE, 10,000; see screenedKMeans). A k given alone always runs every restart over all rows.
   */
  restartSampleSize?: number;
  /**
   * Also return each row's distance to its segment's centre and its own silhouette (rowDistances, rowSilhouettes).
   * The silhouettes are exact when the run's silhouette is; above silhouetteSampleSize rows each row is scored
   * against the silhouette's sample (O(n·m·d): a few seconds at 100,000 rows).
   */
  rowMetrics?: boolean;
  /** Rows from which KMEANS fits by mini-batches (default MINI_BATCH_THRESHOLD, 1,000,000). */
  miniBatchThreshold?: number;
  /** Rows up to which WARD is exact; above, the Ward hybrid (default EXACT_WARD_LIMIT, 20,000). */
  exactWardLimit?: number;
  /**
   * Fits of some k of the range made beforehand by fitSegmentKs with the same options (in other threads): used
   * instead of fitting those k again, in the first pass.
   */
  fitted?: readonly KFit[];
  /**
   * A second thread that takes half of the k-means steps and of the silhouette's pairs of a given k (see Helper),
   * from their size thresholds; the result is the same with or without it.
   */
  helper?: Helper;
  /**
   * Called as the run progresses, with estimated work units (see WorkMeter): every k-means restart, Ward tree and
   * silhouette of both passes (the second, after outliers are set aside, planned as a repeat of the first). `done`
   * never decreases relative to `total` and the last call has done = total.
   */
  onProgress?: (done: number, total: number) => void;
}

/** The outcome of one segmentation run. */
export interface SegmentationResult {
  method: SegmentMethod;
  k: number;
  /** Number of input rows. */
  rowCount: number;
  /** One label per input row in input order: 0..k-1, or -1 for a row left out (dropped or set aside). */
  labels: Int32Array;
  /**
   * Mean silhouette of the segmented rows: exact, or over a seeded random sample of them (silhouetteMethod).
   * Sampled, it is scikit-learn's silhouette_score(sample_size=…): the rows are drawn without replacement and each
   * is scored against the sampled rows only; segment silhouettes are then means over their sampled members.
   */
  silhouette: number | null;
  /** EXACT (every row) or SAMPLED; null with silhouette. */
  silhouetteMethod: SilhouetteMethod | null;
  /** Rows the sampled silhouette was computed on; null unless SAMPLED. */
  silhouetteSampleSize: number | null;
  /**
   * Standard error of a SAMPLED silhouette: the sample standard deviation of the sampled rows' silhouettes divided
   * by √silhouetteSampleSize; null unless SAMPLED.
   */
  silhouetteStandardError: number | null;
  /** What partitioned the rows: KMEANS, MINI_BATCH_KMEANS, WARD or WARD_HYBRID (see algorithmFor). */
  algorithm: Algorithm;
  /**
   * MINI_BATCH_KMEANS only: the batch size and steps, and the check against full k-means on a seeded sample of
   * `sampleSize` rows: `inertiaOnSample` is the sum of squared distances of those rows to the nearest mini-batch
   * centroid, `fullInertiaOnSample` the inertia of kMeans (same k, restarts and seed) fitted on those rows alone.
   * Their ratio shows what mini-batches cost in fit (about 1.0x–1.05x is usual).
   */
  miniBatch: {
    batchSize: number;
    steps: number;
    sampleSize: number;
    inertiaOnSample: number;
    fullInertiaOnSample: number;
  } | null;
  /**
   * WARD_HYBRID only: the micro-clusters the tree was built on (the leaves of `linkage`, whose `linkageRows` are
   * each micro-cluster's row nearest its centroid).
   */
  wardHybrid: { microClusters: number } | null;
  /** Within-segment sum of squared distances to the segment centre, in the scaled feature space. */
  inertia: number | null;
  /** With rowMetrics: each input row's Euclidean distance to its segment's centre (scaled space); NaN if left out. */
  rowDistances?: Float64Array;
  /**
   * With rowMetrics: each input row's silhouette, exact when silhouetteMethod is EXACT, else scored against the
   * silhouette's sample (silhouetteAgainstSample); NaN for rows left out or without a defined value.
   */
  rowSilhouettes?: Float64Array;
  /** The k the silhouette recommends; null when k was given and no range was asked for. */
  recommendedK: number | null;
  recommendationReason: string;
  /** Inertia and silhouette of every k tried. */
  kSelection: KScore[];
  /** Segments 0..k-1 in label order, then the outlier segment (label -1) when rows were set aside. */
  segments: Segment[];
  /** The key of every input row (from `keyColumn`), or null. */
  keys: (string | null)[] | null;
  /** Input rows (0-based) dropped for missing values under missing = DROP. */
  droppedRows: number[];
  /** Input rows (0-based) set aside as outliers by `excludeOutliers`. */
  outlierRows: number[];
  /** The clustered features after one-hot expansion ("income", "region=1"). */
  featureNames: string[];
  /** Mean of the segments' stabilities; null when stabilityResamples is 0. */
  stability?: number | null;
  /** What `assignSegments` needs to put new rows into these segments (segment runs; RFM runs have none). */
  model?: SegmentModel;
  warnings: string[];
  /** WARD only: SciPy's (m−1)×4 linkage over the segmented rows (WARD_HYBRID: over the micro-clusters). */
  linkage?: Float64Array;
  /** WARD only: the input row (0-based) of each leaf of `linkage` (WARD_HYBRID: the micro-cluster's central row). */
  linkageRows?: Int32Array;
}

/** Per-customer RFM values, one entry per customer, in order of the customer's first transaction row. */
export interface RfmCustomers {
  keys: string[];
  /** Whole days from the customer's last transaction date to asOf. */
  recency: Float64Array;
  /** Number of transactions within the window. */
  frequency: Float64Array;
  /** Sum of amounts within the window. */
  monetary: Float64Array;
}

/** Quintile scores 1–5 per customer (5 = most recent, most frequent, highest spend). */
export interface RfmScores {
  r: Int32Array;
  f: Int32Array;
  m: Int32Array;
}

/** Options of `runRfm`; names and defaults follow the GraphQL `RfmInput`. */
export interface RfmOptions {
  customerColumn: string;
  dateColumn: string;
  amountColumn: string;
  /** Evaluation instant (epoch ms); default: midnight UTC after the day of the last transaction. */
  asOf?: number;
  /** Months before asOf that count towards frequency and monetary (default 24). */
  windowMonths?: number;
  method?: RfmMethod;
  /** Number of clusters for method KMEANS (default 4). */
  k?: number;
  seed?: number;
  /** k-means restarts for method KMEANS (default 10). */
  restarts?: number;
  /**
   * Method KMEANS: a second thread that takes half of the k-means steps and of the silhouette's pairs (see Helper),
   * from their size thresholds; the result is the same with or without it.
   */
  helper?: Helper;
}

/** An RFM run: a segmentation whose rows are customers, plus each customer's R, F, M values and scores. */
export interface RfmResult extends Omit<SegmentationResult, 'method' | 'algorithm' | 'miniBatch' | 'wardHybrid'> {
  method: RfmMethod;
  /** The instant recency is measured to (epoch ms). */
  asOf: number;
  /** Start of the window (epoch ms, inclusive); transactions from here up to asOf (exclusive) count. */
  windowStart: number;
  /** Customers whose transactions all fall outside the window, left out of every segment. */
  excludedCustomers: number;
  customers: RfmCustomers;
  scores: RfmScores;
}

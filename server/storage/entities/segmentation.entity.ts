import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { KScore } from '../../../shared/segment/choose-k';
import type { SegmentModel } from '../../../shared/segment/assign';
import type { Segment } from '../../../shared/segment/types';

/** A segment as stored: the core's profile, plus mean R, F, M values and scores for RFM runs. */
export interface StoredSegment extends Segment {
  recency?: number | null;
  frequency?: number | null;
  monetary?: number | null;
  rScore?: number | null;
  fScore?: number | null;
  mScore?: number | null;
}

/** The options a run was asked for, as given (JSON values). */
export type RunParameters = Record<string, string | number | boolean | string[]>;

/** Where a run stands: computing (in the background), stored, stopped by an error, or cancelled. */
export type RunStatus = 'RUNNING' | 'DONE' | 'FAILED' | 'CANCELLED';

/**
 * The catalogue row of one segmentation or RFM run: parameters, summary figures and segment profiles, all small.
 * The per-row arrays (labels, keys, R/F/M values, the Ward linkage) live in `segmentation_array`, so listing runs
 * never reads them.
 */
@Entity('segmentation')
@Index(['workspaceId', 'createdAt'])
@Index(['datasetId'])
export class SegmentationEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'workspace_id', type: 'varchar', length: 36 })
  workspaceId!: string;

  /** The dataset the rows came from; null for an inline table. */
  @Column({ name: 'dataset_id', type: 'varchar', length: 36, nullable: true })
  datasetId!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  name!: string | null;

  /** SEGMENT or RFM. */
  @Column({ type: 'varchar', length: 10 })
  kind!: 'SEGMENT' | 'RFM';

  /** KMEANS, WARD or (RFM) SCORES. */
  @Column({ type: 'varchar', length: 10 })
  method!: 'KMEANS' | 'WARD' | 'SCORES';

  @Column({ type: 'integer' })
  k!: number;

  /** Input rows (SEGMENT) or customers in the window (RFM): the length of every per-row array. */
  @Column({ name: 'row_count', type: 'integer' })
  rowCount!: number;

  @Column({ type: 'double precision', nullable: true })
  silhouette!: number | null;

  @Column({ type: 'double precision', nullable: true })
  inertia!: number | null;

  @Column({ name: 'recommended_k', type: 'integer', nullable: true })
  recommendedK!: number | null;

  @Column({ name: 'elbow_k', type: 'integer', nullable: true })
  elbowK!: number | null;

  @Column({ name: 'recommendation_reason', type: 'text' })
  recommendationReason!: string;

  @Column({ name: 'k_selection', type: 'simple-json' })
  kSelection!: KScore[];

  @Column({ type: 'simple-json' })
  segments!: StoredSegment[];

  @Column({ name: 'feature_names', type: 'simple-json' })
  featureNames!: string[];

  @Column({ type: 'simple-json' })
  warnings!: string[];

  /** The options the run was asked for (nulls left out), for provenance. */
  @Column({ type: 'simple-json' })
  parameters!: RunParameters;

  @Column({ name: 'dropped_row_count', type: 'integer' })
  droppedRowCount!: number;

  @Column({ name: 'outlier_row_count', type: 'integer' })
  outlierRowCount!: number;

  /** WARD only: leaves of the linkage (the segmented rows); merge ids ≥ this are clusters. */
  @Column({ name: 'linkage_leaves', type: 'integer', nullable: true })
  linkageLeaves!: number | null;

  /** RFM only: ISO 8601 instants of asOf and of the window start, and the window length. */
  @Column({ name: 'as_of', type: 'varchar', length: 30, nullable: true })
  asOf!: string | null;

  @Column({ name: 'window_start', type: 'varchar', length: 30, nullable: true })
  windowStart!: string | null;

  @Column({ name: 'window_months', type: 'integer', nullable: true })
  windowMonths!: number | null;

  @Column({ name: 'excluded_customers', type: 'integer', nullable: true })
  excludedCustomers!: number | null;

  /** SEGMENT runs: the preprocessing and centroids assignSegments applies to new rows; null for RFM and older runs. */
  @Column({ type: 'simple-json', nullable: true })
  model!: SegmentModel | null;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt!: string;

  /** EXACT or SAMPLED: how `silhouette` was computed; null without a silhouette (or for runs stored before). */
  @Column({ name: 'silhouette_method', type: 'varchar', length: 10, nullable: true })
  silhouetteMethod!: 'EXACT' | 'SAMPLED' | null;

  /** SAMPLED: the rows the silhouette was computed on. */
  @Column({ name: 'silhouette_sample_size', type: 'integer', nullable: true })
  silhouetteSampleSize!: number | null;

  /** SAMPLED: the standard error of the sampled mean silhouette. */
  @Column({ name: 'silhouette_standard_error', type: 'double precision', nullable: true })
  silhouetteStandardError!: number | null;

  /**
   * RUNNING while a background run computes; the figures above are placeholders until DONE. Stored, not held in
   * memory, so every server over the same database reports it and any of them can cancel the run.
   */
  @Column({ type: 'varchar', length: 10, default: 'DONE' })
  status!: RunStatus;

  /** Fraction of the work done, 0..1 (1 once DONE), as the core reports it. */
  @Column({ type: 'double precision', default: 1 })
  progress!: number;

  /** FAILED: why, in words for the user (the core's InputError message for bad input). */
  @Column({ type: 'text', nullable: true })
  error!: string | null;

  /**
   * RUNNING: when the server computing the run last wrote its progress (ISO 8601). A run whose heartbeat is older
   * than the lease lost its server (a crash or a restart) and is marked FAILED by whichever server notices.
   */
  @Column({ name: 'heartbeat_at', type: 'varchar', length: 30, nullable: true })
  heartbeatAt!: string | null;
}

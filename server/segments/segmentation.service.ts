import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { InputError } from '../../shared/errors';
import { elbowK } from '../../shared/segment/elbow';
import { profileSegments } from '../../shared/segment/profile';
import type { RfmOptions, RfmResult, Segment, SegmentationResult, SegmentOptions } from '../../shared/segment/types';
import type { AnalysisRunner } from '../analysis/analysis-runner';
import { loadTable } from '../analysis/load-table';
import type { Context } from '../context';
import { connectedRfm } from '../warehouse/connected-rfm';
import { connectedSource } from '../warehouse/connected-source';
import { NotFoundError } from '../errors';
import { SegmentationEntity, type RunParameters, type StoredSegment } from '../storage/entities/segmentation.entity';
import {
  deleteArrays,
  insertArrays,
  selectArray,
  type ArrayName,
  type SegmentationArrays,
} from '../storage/segmentation-arrays';
import { parseAsOf } from './as-of';
import { BackgroundRuns, type RunWork } from './background-runs';
import { decodeCursor, encodeCursor } from './member-cursor';
import type { RfmInput } from './rfm.input';
import type { SegmentInput } from './segment.input';
import type { Member, MemberConnection, Merge } from './segmentation.type';

export const DEFAULT_MEMBERS_PAGE = 100;
export const MAX_MEMBERS_PAGE = 1000;
export const DEFAULT_MERGES = 50;
/** Merges of a Ward linkage kept with a run (the top of the tree, which is what a dendrogram shows). */
export const MAX_MERGES = 1000;
export const MAX_NAME_LENGTH = 200;
/** runRfm's window when none is given. */
const DEFAULT_WINDOW_MONTHS = 24;

/**
 * Segmentation and RFM runs: load the rows, run the core, and store the run (catalogue row + per-row arrays) in one
 * transaction once the computation has succeeded, so a failed run leaves nothing behind. Reads fetch only the
 * arrays, and the chunks of them, that a field asks for.
 */
export class SegmentationService {
  /** Arrays a run already has in memory: those of a run just computed, or read once for this request. */
  private readonly arrays = new WeakMap<SegmentationEntity, Partial<SegmentationArrays>>();
  private lastCreated = 0;

  private readonly background: BackgroundRuns;

  constructor(
    private readonly dataSource: DataSource,
    private readonly analyses: AnalysisRunner,
  ) {
    this.background = new BackgroundRuns(dataSource);
  }

  /** Marks FAILED the runs left RUNNING by a server that stopped (see BackgroundRuns.sweep). */
  recoverOrphanedRuns(): Promise<number> {
    return this.background.sweep();
  }

  /** Stops this server's background runs (marked FAILED: they cannot resume) before storage closes. */
  close(): Promise<void> {
    return this.background.close();
  }

  /**
   * Segments the rows of a dataset or inline table (`runSegmentation`) and stores the run; with `background`,
   * stores a RUNNING run and answers at once (see `startInBackground`).
   */
  async segment(ctx: Context, input: SegmentInput): Promise<SegmentationEntity> {
    const name = runName(input.name);
    const options = segmentOptions(input);
    const columns = [
      ...options.features,
      ...(options.categorical ?? []),
      ...(options.logTransform ?? []),
      options.keyColumn,
    ];
    const table = await loadTable(ctx, input, columns);
    const rows = table.rowCount;
    const identity = { ctx, input, name, kind: 'SEGMENT' as const, method: options.method ?? 'KMEANS', rows };
    if (input.background) {
      return this.startInBackground(identity, async (signal, onProgress) =>
        segmentFigures(await this.analyses.background('segment', { table, options }, rows, signal, onProgress)),
      );
    }
    const result = await this.analyses.run('segment', { table, options }, rows, ctx.signal, ctx.onProgress);
    return this.save(identity, segmentFigures(result));
  }

  /**
   * RFM segments of the customers of transaction rows (`runRfm`), stored as a run whose rows are customers; with
   * `background`, as `segment`.
   */
  async rfm(ctx: Context, input: RfmInput): Promise<SegmentationEntity> {
    const name = runName(input.name);
    const asOf = input.asOf != null ? parseAsOf(input.asOf) : undefined;
    const options: RfmOptions = {
      customerColumn: input.customerColumn,
      dateColumn: input.dateColumn,
      amountColumn: input.amountColumn,
      ...definedOnly({
        asOf,
        windowMonths: input.windowMonths,
        method: input.method,
        k: input.k,
        restarts: input.restarts,
        seed: input.seed,
      }),
    };
    const figures = (result: RfmResult) => rfmFigures(result, input.windowMonths ?? DEFAULT_WINDOW_MONTHS);
    // A connected dataset: per-customer aggregates come from SQL, and only they are scored here.
    const connected = await connectedSource(ctx, input);
    if (connected) {
      const identity = {
        ctx,
        input,
        name,
        kind: 'RFM' as const,
        method: options.method ?? 'SCORES',
        rows: connected.dataset.rowCount,
      };
      const work = async () => figures(await connectedRfm(connected, options));
      return input.background ? this.startInBackground(identity, work) : this.save(identity, await work());
    }
    const table = await loadTable(ctx, input, [input.customerColumn, input.dateColumn, input.amountColumn]);
    const rows = table.rowCount;
    const identity = { ctx, input, name, kind: 'RFM' as const, method: options.method ?? 'SCORES', rows };
    if (input.background) {
      return this.startInBackground(identity, async (signal, onProgress) =>
        figures(await this.analyses.background('rfm', { table, options }, rows, signal, onProgress)),
      );
    }
    return this.save(
      identity,
      figures(await this.analyses.run('rfm', { table, options }, rows, ctx.signal, ctx.onProgress)),
    );
  }

  /**
   * Stores a RUNNING run (placeholder figures, progress 0) and computes it in the background; the run's row is
   * completed when the computation succeeds, marked FAILED with the error when it does not.
   */
  private async startInBackground(identity: RunIdentity, work: RunWork<RunFigures>): Promise<SegmentationEntity> {
    const run = this.entity(identity, {
      kind: identity.kind,
      method: identity.method,
      k: 0,
      rowCount: identity.rows,
      silhouette: null,
      silhouetteMethod: null,
      silhouetteSampleSize: null,
      silhouetteStandardError: null,
      inertia: null,
      recommendedK: null,
      elbowK: null,
      recommendationReason: '',
      kSelection: [],
      segments: [],
      featureNames: [],
      warnings: [],
      droppedRowCount: 0,
      outlierRowCount: 0,
      linkageLeaves: null,
    });
    Object.assign(run, { status: 'RUNNING', progress: 0, heartbeatAt: new Date().toISOString() });
    await this.dataSource.transaction((manager) => manager.insert(SegmentationEntity, run));
    this.background.start(run.id, work, async (manager, { figures, arrays }) => {
      await manager.update(SegmentationEntity, { id: run.id }, figures);
      await insertArrays(manager, run.workspaceId, run.id, arrays);
    });
    return run;
  }

  /**
   * Cancels a background run: it stops (its worker thread is terminated, on whichever server computes it) and
   * stores nothing. True when the run is cancelled, false when it had already finished (DONE or FAILED).
   * @throws NotFoundError for an unknown run.
   */
  async cancel(workspaceId: string, id: string): Promise<boolean> {
    const run = await this.find(workspaceId, id);
    if (!run) throw new NotFoundError('Segmentation', id);
    if (run.status === 'RUNNING') {
      await this.dataSource.transaction((manager) =>
        manager
          .createQueryBuilder()
          .update(SegmentationEntity)
          .set({ status: 'CANCELLED' })
          .where("id = :id AND workspace_id = :workspaceId AND status = 'RUNNING'", { id, workspaceId })
          .execute(),
      );
      this.background.abort(id);
    }
    const now = await this.find(workspaceId, id);
    return now?.status === 'CANCELLED';
  }

  /** The runs of a workspace (of one dataset when given), newest first. */
  async list(workspaceId: string, datasetId?: string | null): Promise<SegmentationEntity[]> {
    if (datasetId != null && !isUuid(datasetId)) return [];
    return this.dataSource.getRepository(SegmentationEntity).find({
      where: { workspaceId, ...(datasetId != null ? { datasetId } : {}) },
      order: { createdAt: 'DESC', id: 'DESC' },
    });
  }

  async find(workspaceId: string, id: string): Promise<SegmentationEntity | null> {
    if (!isUuid(id)) return null;
    return this.dataSource.getRepository(SegmentationEntity).findOneBy({ workspaceId, id });
  }

  /** Deletes a run and its arrays; existence is decided inside the transaction (see DatasetService.delete). */
  async delete(workspaceId: string, id: string): Promise<boolean> {
    if (!isUuid(id)) throw new NotFoundError('Segmentation', id);
    await this.dataSource.transaction(async (m) => {
      const deleted = await m.delete(SegmentationEntity, { id, workspaceId });
      if (!deleted.affected) throw new NotFoundError('Segmentation', id);
      await deleteArrays(m, workspaceId, id);
    });
    return true;
  }

  /**
   * The segment name of every keyed row of a run, for joining other tables on the key (funnels and channels by
   * `segmentationId`): rows set aside carry the outlier segment's name, rows dropped null.
   * @throws NotFoundError for an unknown run; InputError when the run has no keys (segment without keyColumn).
   */
  async membershipByKey(workspaceId: string, id: string): Promise<{ keys: string[]; values: (string | null)[] }> {
    const run = await this.find(workspaceId, id);
    if (!run) throw new NotFoundError('Segmentation', id);
    if (!hasKeys(run)) {
      throw new InputError(
        `segmentationId: segmentation "${id}" has no keys to join on; run segment with a keyColumn`,
        'segmentationId',
      );
    }
    const rowKeys = await this.read(run, 'keys', run.rowCount);
    const labels = await this.read(run, 'labels', run.rowCount);
    const dropped = new Set(await this.read(run, 'droppedRows', run.droppedRowCount));
    const byLabel = new Map(run.segments.map((s) => [s.label, s]));
    const keys: string[] = [];
    const values: (string | null)[] = [];
    rowKeys.forEach((key, row) => {
      if (key === null) return;
      keys.push(key);
      values.push(segmentOfRow(row, labels, dropped, byLabel)?.name ?? null);
    });
    return { keys, values };
  }

  /** One label per row, null for rows left out. */
  async labels(run: SegmentationEntity): Promise<(number | null)[]> {
    const labels = await this.read(run, 'labels', run.rowCount);
    return Array.from(labels, (label) => (label < 0 ? null : label));
  }

  /** One per input row of a rowMetrics run: `name`'s value, null for rows without one; null for other runs. */
  async rowMetric(run: SegmentationEntity, name: 'distance' | 'silhouette'): Promise<(number | null)[] | null> {
    if (!hasRowMetrics(run)) return null;
    return Array.from(await this.read(run, name, run.rowCount), finiteOrNull);
  }

  async droppedRows(run: SegmentationEntity): Promise<number[]> {
    return Array.from(await this.read(run, 'droppedRows', run.droppedRowCount));
  }

  async outlierRows(run: SegmentationEntity): Promise<number[]> {
    return Array.from(await this.read(run, 'outlierRows', run.outlierRowCount));
  }

  /**
   * A page of members in row order: every row, or those of one segment (label; −1 for the rows set aside as
   * outliers). `after` is the cursor of the last member of the previous page.
   */
  async members(
    run: SegmentationEntity,
    page: { segment?: number | null; first?: number | null; after?: string | null },
  ): Promise<MemberConnection> {
    const first = page.first ?? DEFAULT_MEMBERS_PAGE;
    if (first < 0 || first > MAX_MEMBERS_PAGE) {
      throw new InputError(`first=${first} is outside 0..${MAX_MEMBERS_PAGE}`, 'first');
    }
    const segment = page.segment ?? null;
    const byLabel = new Map(run.segments.map((s) => [s.label, s]));
    if (segment !== null && !byLabel.has(segment)) {
      const outliers = byLabel.has(-1) ? ' and -1 (the rows set aside as outliers)' : '';
      throw new InputError(
        `segment=${segment} is not a label of this segmentation; its labels are 0..${run.k - 1}${outliers}`,
        'segment',
      );
    }
    const start = page.after != null ? decodeCursor(page.after, run.rowCount) + 1 : 0;

    const labels = await this.read(run, 'labels', run.rowCount);
    const dropped = new Set(await this.read(run, 'droppedRows', run.droppedRowCount));
    const matches = (row: number): boolean =>
      segment === null ? true : segment === -1 ? labels[row] < 0 && !dropped.has(row) : labels[row] === segment;
    const rows: number[] = [];
    let totalCount = 0;
    for (let row = 0; row < run.rowCount; row++) {
      if (!matches(row)) continue;
      totalCount++;
      if (row >= start && rows.length <= first) rows.push(row);
    }
    const hasNextPage = rows.length > first;
    rows.length = Math.min(rows.length, first);

    const nodes = await this.memberNodes(run, rows, labels, dropped, byLabel);
    return {
      edges: nodes.map((node) => ({ cursor: encodeCursor(node.row), node })),
      pageInfo: { hasNextPage, endCursor: rows.length > 0 ? encodeCursor(rows[rows.length - 1]) : null },
      totalCount,
    };
  }

  /** The last `maxMerges` merges of a Ward run's linkage, with SciPy's ids; null for other methods. */
  async dendrogram(run: SegmentationEntity, maxMerges: number | null | undefined): Promise<Merge[] | null> {
    const wanted = maxMerges ?? DEFAULT_MERGES;
    if (wanted < 1 || wanted > MAX_MERGES) {
      throw new InputError(`maxMerges=${wanted} is outside 1..${MAX_MERGES}`, 'maxMerges');
    }
    if (run.linkageLeaves === null) return null;
    const n = run.linkageLeaves;
    const stored = Math.min(n - 1, MAX_MERGES);
    const linkage = await this.read(run, 'linkage', stored * 4);
    const leafRows = await this.read(run, 'linkageRows', n);
    // The stored merges are the last `stored` of n − 1: the first of them has index n − 1 − stored.
    const firstId = n + (n - 1 - stored);
    const merges: Merge[] = [];
    for (let j = Math.max(0, stored - wanted); j < stored; j++) {
      const left = linkage[j * 4];
      const right = linkage[j * 4 + 1];
      merges.push({
        id: firstId + j,
        left,
        right,
        distance: linkage[j * 4 + 2],
        size: linkage[j * 4 + 3],
        leftRow: left < n ? leafRows[left] : null,
        rightRow: right < n ? leafRows[right] : null,
      });
    }
    return merges;
  }

  private async memberNodes(
    run: SegmentationEntity,
    rows: number[],
    labels: Int32Array,
    dropped: Set<number>,
    byLabel: Map<number, StoredSegment>,
  ): Promise<Member[]> {
    if (rows.length === 0) return [];
    const from = rows[0];
    const to = rows[rows.length - 1] + 1;
    const keys = hasKeys(run) ? await this.read(run, 'keys', run.rowCount, from, to) : null;
    const rfm =
      run.kind === 'RFM'
        ? {
            recency: await this.read(run, 'recency', run.rowCount, from, to),
            frequency: await this.read(run, 'frequency', run.rowCount, from, to),
            monetary: await this.read(run, 'monetary', run.rowCount, from, to),
            rScore: await this.read(run, 'rScore', run.rowCount, from, to),
            fScore: await this.read(run, 'fScore', run.rowCount, from, to),
            mScore: await this.read(run, 'mScore', run.rowCount, from, to),
          }
        : null;
    const metrics = hasRowMetrics(run)
      ? {
          distance: await this.read(run, 'distance', run.rowCount, from, to),
          silhouette: await this.read(run, 'silhouette', run.rowCount, from, to),
        }
      : null;
    return rows.map((row) => {
      const i = row - from;
      return {
        row,
        key: keys ? keys[i] : null,
        label: labels[row] >= 0 ? labels[row] : null,
        segment: segmentOfRow(row, labels, dropped, byLabel)?.name ?? null,
        recency: rfm ? rfm.recency[i] : null,
        frequency: rfm ? rfm.frequency[i] : null,
        monetary: rfm ? rfm.monetary[i] : null,
        rScore: rfm ? rfm.rScore[i] : null,
        fScore: rfm ? rfm.fScore[i] : null,
        mScore: rfm ? rfm.mScore[i] : null,
        distance: metrics ? finiteOrNull(metrics.distance[i]) : null,
        silhouette: metrics ? finiteOrNull(metrics.silhouette[i]) : null,
      };
    });
  }

  /**
   * Elements [start, end) of one of a run's arrays of `length` elements, from memory when the run has it there.
   * @throws NotFoundError when the run's arrays are gone (deleted since the run was read).
   */
  private async read<N extends ArrayName>(
    run: SegmentationEntity,
    name: N,
    length: number,
    start = 0,
    end = length,
  ): Promise<SegmentationArrays[N]> {
    const known = this.arrays.get(run) ?? {};
    const held = known[name];
    if (held) return slice(held, start, end);
    const values = await selectArray(this.dataSource, run.workspaceId, run.id, name, length, start, end);
    if (values === null) throw new NotFoundError('Segmentation', run.id);
    if (start === 0 && end === length) this.arrays.set(run, { ...known, [name]: values });
    return values;
  }

  private entity(identity: RunIdentity, figures: RunFigures['figures']): SegmentationEntity {
    return Object.assign(new SegmentationEntity(), {
      id: randomUUID(),
      workspaceId: identity.ctx.workspaceId,
      datasetId: identity.input.datasetId ?? null,
      name: identity.name,
      parameters: parametersOf(identity.input),
      asOf: null,
      windowStart: null,
      windowMonths: null,
      excludedCustomers: null,
      model: null,
      ...figures,
      createdAt: this.createdAt(),
      status: 'DONE',
      progress: 1,
      error: null,
      heartbeatAt: null,
    });
  }

  /** Writes the catalogue row and the arrays in one transaction, and keeps the arrays for this request's fields. */
  private async save(identity: RunIdentity, { figures, arrays }: RunFigures): Promise<SegmentationEntity> {
    const run = this.entity(identity, figures);
    await this.dataSource.transaction(async (m) => {
      await m.insert(SegmentationEntity, run);
      await insertArrays(m, run.workspaceId, run.id, arrays);
    });
    this.arrays.set(run, arrays);
    return run;
  }

  /** Now, but strictly later than the previous run stored by this server, so newest-first is a total order. */
  private createdAt(): string {
    this.lastCreated = Math.max(Date.now(), this.lastCreated + 1);
    return new Date(this.lastCreated).toISOString();
  }
}

/** Fields only some runs have: RFM's window, SEGMENT's model. */
type OptionalField = 'asOf' | 'windowStart' | 'windowMonths' | 'excludedCustomers' | 'model';

/** What a run was asked for and of what: enough to store its catalogue row. */
interface RunIdentity {
  ctx: Context;
  input: SegmentInput | RfmInput;
  name: string | null;
  kind: 'SEGMENT' | 'RFM';
  method: SegmentationEntity['method'];
  rows: number;
}

/** A computed run as stored: the catalogue row's figures and the per-row arrays. */
interface RunFigures {
  figures: Omit<
    SegmentationEntity,
    | 'id'
    | 'workspaceId'
    | 'datasetId'
    | 'name'
    | 'parameters'
    | 'createdAt'
    | 'status'
    | 'progress'
    | 'error'
    | 'heartbeatAt'
    | OptionalField
  > &
    Partial<Pick<SegmentationEntity, OptionalField>>;
  arrays: Partial<SegmentationArrays>;
}

function segmentFigures(result: SegmentationResult & SilhouetteFigures): RunFigures {
  return {
    figures: {
      kind: 'SEGMENT',
      method: result.method,
      k: result.k,
      rowCount: result.rowCount,
      silhouette: result.silhouette,
      ...silhouetteFigures(result),
      inertia: result.inertia,
      recommendedK: result.recommendedK,
      elbowK: elbowOf(result.kSelection),
      recommendationReason: result.recommendationReason,
      kSelection: result.kSelection,
      segments: result.segments,
      featureNames: result.featureNames,
      warnings: result.warnings,
      droppedRowCount: result.droppedRows.length,
      outlierRowCount: result.outlierRows.length,
      linkageLeaves: result.linkageRows ? result.linkageRows.length : null,
      model: result.model ?? null,
    },
    arrays: {
      labels: result.labels,
      droppedRows: Int32Array.from(result.droppedRows),
      outlierRows: Int32Array.from(result.outlierRows),
      ...(result.keys ? { keys: result.keys } : {}),
      ...(result.rowDistances && result.rowSilhouettes
        ? { distance: result.rowDistances, silhouette: result.rowSilhouettes }
        : {}),
      ...(result.linkage && result.linkageRows
        ? { linkage: lastMerges(result.linkage), linkageRows: result.linkageRows }
        : {}),
    },
  };
}

function rfmFigures(result: RfmResult & SilhouetteFigures, windowMonths: number): RunFigures {
  return {
    figures: {
      kind: 'RFM',
      method: result.method,
      k: result.k,
      rowCount: result.rowCount,
      silhouette: result.silhouette,
      ...silhouetteFigures(result),
      inertia: result.inertia,
      recommendedK: result.recommendedK,
      elbowK: null,
      recommendationReason: result.recommendationReason,
      kSelection: result.kSelection,
      segments: rfmSegments(result),
      featureNames: result.featureNames,
      warnings: result.warnings,
      droppedRowCount: 0,
      outlierRowCount: 0,
      linkageLeaves: null,
      asOf: new Date(result.asOf).toISOString(),
      windowStart: new Date(result.windowStart).toISOString(),
      windowMonths,
      excludedCustomers: result.excludedCustomers,
    },
    arrays: {
      labels: result.labels,
      keys: result.customers.keys,
      recency: result.customers.recency,
      frequency: result.customers.frequency,
      monetary: result.customers.monetary,
      rScore: result.scores.r,
      fScore: result.scores.f,
      mScore: result.scores.m,
    },
  };
}

/** SegmentInput as runSegmentation's options, nulls dropped. */
function segmentOptions(input: SegmentInput): SegmentOptions & { exactSilhouette?: boolean } {
  return {
    features: input.features,
    ...definedOnly({
      categorical: input.categorical,
      missing: input.missing,
      scaling: input.scaling,
      logTransform: input.logTransform,
      method: input.method as SegmentOptions['method'] | null | undefined,
      k: input.k,
      kMin: input.kMin,
      kMax: input.kMax,
      restarts: input.restarts,
      seed: input.seed,
      keyColumn: input.keyColumn,
      minSegmentShare: input.minSegmentShare,
      excludeOutliers: input.excludeOutliers,
      exactSilhouette: input.exactSilhouette,
      rowMetrics: input.rowMetrics,
      stabilityResamples: input.stabilityResamples,
    }),
  };
}

/** How the core computed a result's silhouette; absent from cores that only compute it exactly. */
interface SilhouetteFigures {
  silhouetteMethod?: 'EXACT' | 'SAMPLED' | null;
  silhouetteSampleSize?: number | null;
  silhouetteStandardError?: number | null;
}

function silhouetteFigures(result: SilhouetteFigures): Required<SilhouetteFigures> {
  return {
    silhouetteMethod: result.silhouetteMethod ?? null,
    silhouetteSampleSize: result.silhouetteSampleSize ?? null,
    silhouetteStandardError: result.silhouetteStandardError ?? null,
  };
}

/** The segment of a row: its label's, the outlier segment (label −1) for a row set aside, none for a row dropped. */
function segmentOfRow(
  row: number,
  labels: Int32Array,
  dropped: Set<number>,
  byLabel: Map<number, StoredSegment>,
): StoredSegment | undefined {
  if (labels[row] >= 0) return byLabel.get(labels[row]);
  return dropped.has(row) ? undefined : byLabel.get(-1);
}

/** RFM segments with the mean R, F, M values and quintile scores of their customers. */
function rfmSegments(result: RfmResult): StoredSegment[] {
  const scores = profileSegments({
    labels: result.labels,
    k: result.segments.length,
    numeric: [
      { name: 'rScore', values: Float64Array.from(result.scores.r) },
      { name: 'fScore', values: Float64Array.from(result.scores.f) },
      { name: 'mScore', values: Float64Array.from(result.scores.m) },
    ],
    categorical: [],
  });
  return result.segments.map((s, i) => ({
    ...s,
    recency: meanOf(s, 'recency'),
    frequency: meanOf(s, 'frequency'),
    monetary: meanOf(s, 'monetary'),
    rScore: scores[i].features[0].mean,
    fScore: scores[i].features[1].mean,
    mScore: scores[i].features[2].mean,
  }));
}

function meanOf(segment: Segment, feature: string): number | null {
  return segment.features.find((f) => f.name === feature)?.mean ?? null;
}

/** The elbow of the inertia curve over the k tried (see elbowK); null with fewer than three. */
function elbowOf(kSelection: { k: number; inertia: number }[]): number | null {
  return elbowK(
    kSelection.map((s) => s.k),
    kSelection.map((s) => s.inertia),
  );
}

/** The last MAX_MERGES rows of a linkage matrix: the top of the tree. */
function lastMerges(linkage: Float64Array): Float64Array {
  return linkage.slice(Math.max(0, linkage.length - MAX_MERGES * 4));
}

/** What the run was asked for, for provenance: every given option except the rows themselves. */
function parametersOf(input: SegmentInput | RfmInput): RunParameters {
  return Object.fromEntries(
    Object.entries(input).filter(([key, value]) => !NOT_PARAMETERS.has(key) && value !== null && value !== undefined),
  );
}
const NOT_PARAMETERS = new Set(['table', 'datasetId', 'name', 'background']);

function hasRowMetrics(run: SegmentationEntity): boolean {
  return run.kind === 'SEGMENT' && run.parameters.rowMetrics === true;
}

function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

function hasKeys(run: SegmentationEntity): boolean {
  return run.kind === 'RFM' || typeof run.parameters.keyColumn === 'string';
}

function runName(name: string | null | undefined): string | null {
  const trimmed = name?.trim() ?? '';
  if (trimmed.length > MAX_NAME_LENGTH) {
    throw new InputError(`name: ${trimmed.length} characters is too long; at most ${MAX_NAME_LENGTH}`, 'name');
  }
  return trimmed === '' ? null : trimmed;
}

/** The entries whose value is neither null nor undefined (GraphQL passes an omitted nullable argument as either). */
function definedOnly<T extends Record<string, unknown>>(values: T): { [K in keyof T]?: Exclude<T[K], null> } {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== null && v !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], null>;
  };
}

function slice<N extends ArrayName>(values: SegmentationArrays[N], start: number, end: number): SegmentationArrays[N] {
  if (start === 0 && end === values.length) return values;
  return (Array.isArray(values) ? values.slice(start, end) : values.subarray(start, end)) as SegmentationArrays[N];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
function isUuid(id: string): boolean {
  return UUID.test(id);
}

import { InputError } from '../errors';
import type { Helper } from '../parallel/helper';
import { encodeColumn, expectType, getColumn } from '../table/access';
import type { Column, DateColumn, NumberColumn, Table } from '../table/types';
import { kMeans } from './kmeans';
import { preprocess } from './preprocess';
import { profileSegments } from './profile';
import { relabelBySize } from './relabel';
import { nameRfmClusters, RFM_SEGMENTS, rfmSegmentName } from './rfm-names';
import { rfmScores } from './rfm-scores';
import { rfmTable, type RfmTable } from './rfm-table';
import { silhouetteFields, silhouetteRowsFor } from './choose-k';
import { estimateSilhouette } from './sampled-silhouette';
import type { RfmCustomers, RfmOptions, RfmResult, RfmScores, Segment } from './types';

const RFM_FEATURES = ['recency', 'frequency', 'monetary'];

/**
 * RFM segmentation of customers from transaction rows (customer, date, amount); the rows of the result are
 * customers, in order of their first transaction.
 * 1. Recency, frequency, monetary per customer within the window (see `rfmTable`); customers without a
 *    transaction in the window are left out and counted in `excludedCustomers`.
 * 2. Quintile scores R, F, M 1–5 (see `rfmScores`), reported for every method.
 * 3. SCORES (default): each customer gets the conventional segment of its R and F scores (see `rfmSegmentName`);
 *    segments are listed in RFM_SEGMENTS order, empty ones left out. KMEANS: log1p of R, F and M, standardised,
 *    then `kMeans` (k default 4, restarts and seed as `runSegmentation`), segments numbered by size and named from
 *    their centres (see `nameRfmClusters`).
 * The result has the shape of `runSegmentation`'s, with every customer in a segment (no outliers, no dropped rows).
 *
 * @throws InputError for a missing column, a date column that is not DATE, an amount column that is not NUMBER,
 *   bad options, no customer in the window, k above the number of customers, or (KMEANS) a customer whose net
 *   amount is −1 or less (log1p is undefined there; SCORES copes with refunds).
 * @example
 * runRfm(transactions, { customerColumn: 'customer', dateColumn: 'date', amountColumn: 'amount' }).segments[0].name;
 * // 'Champions'
 */
export function runRfm(table: Table, options: RfmOptions): RfmResult {
  checkRfmOptions(options);
  const customerColumn = getColumn(table, options.customerColumn, 'customerColumn');
  const dates = valuesOf(getColumn(table, options.dateColumn, 'dateColumn'), 'DATE', 'dateColumn');
  const amounts = valuesOf(getColumn(table, options.amountColumn, 'amountColumn'), 'NUMBER', 'amountColumn');
  const rfm = rfmTable(encodeColumn(customerColumn), dates, amounts, {
    asOf: options.asOf,
    windowMonths: options.windowMonths ?? 24,
  });
  return rfmFromCustomers(rfm, options);
}

/** Checks RFM's method, k, restarts and seed before any data is read. */
export function checkRfmOptions(options: Pick<RfmOptions, 'method' | 'k' | 'restarts' | 'seed'>): void {
  const method = options.method ?? 'SCORES';
  if (method !== 'SCORES' && method !== 'KMEANS') {
    throw new InputError(`method=${String(method)} must be SCORES or KMEANS`, 'method');
  }
  const { k = 4, restarts = 10, seed = 0 } = options;
  if (!(Number.isInteger(k) && k >= 2)) {
    throw new InputError(`k=${k} must be a whole number of segments, at least 2`, 'k');
  }
  if (!(Number.isInteger(restarts) && restarts >= 1)) {
    throw new InputError(`restarts=${restarts} must be a whole number, at least 1`, 'restarts');
  }
  if (!Number.isInteger(seed)) throw new InputError(`seed=${seed} must be a whole number`, 'seed');
}

/**
 * Steps 2 and 3 of runRfm from per-customer recency, frequency and monetary (an `rfmTable`, or the same figures
 * aggregated by SQL in a warehouse), customers in the order given.
 */
export function rfmFromCustomers(
  rfm: RfmTable,
  options: Pick<RfmOptions, 'method' | 'k' | 'restarts' | 'seed' | 'windowMonths' | 'helper'>,
): RfmResult {
  checkRfmOptions(options);
  const method = options.method ?? 'SCORES';
  const { k = 4, restarts = 10, seed = 0 } = options;
  const windowMonths = options.windowMonths ?? 24;
  const n = rfm.keys.length;
  const windowText = `the ${windowMonths} month${windowMonths === 1 ? '' : 's'} before ${isoDay(rfm.asOf)}`;
  if (n === 0) {
    throw new InputError(`dateColumn: no customer has a transaction in ${windowText}`, 'dateColumn');
  }
  const warnings: string[] = [];
  if (rfm.skippedRows > 0) {
    warnings.push(
      `${rfm.skippedRows} transaction row${rfm.skippedRows === 1 ? '' : 's'} without a customer or a date skipped`,
    );
  }
  if (rfm.excludedCustomers > 0) {
    const c = rfm.excludedCustomers;
    warnings.push(`${c} customer${c === 1 ? '' : 's'} with no transaction in ${windowText} left out`);
  }

  const customers: RfmCustomers = {
    keys: rfm.keys,
    recency: rfm.recency,
    frequency: rfm.frequency,
    monetary: rfm.monetary,
  };
  const scores = rfmScores(customers);
  const clustering =
    method === 'SCORES'
      ? scoreSegments(scores)
      : clusterSegments(customers, { k, restarts, seed, helper: options.helper });
  warnings.push(...clustering.warnings);

  const profiles = profileSegments({
    labels: clustering.labels,
    k: clustering.names.length,
    numeric: [
      { name: 'recency', values: rfm.recency },
      { name: 'frequency', values: rfm.frequency },
      { name: 'monetary', values: rfm.monetary },
    ],
    categorical: [],
    silhouettes: clustering.silhouettes ?? undefined,
  });
  const segments: Segment[] = profiles.map((p, s) => ({ ...p, name: clustering.names[s], isOutlier: false }));

  return {
    method,
    k: segments.length,
    rowCount: n,
    labels: clustering.labels,
    silhouette: clustering.silhouette,
    silhouetteMethod: clustering.silhouetteMethod,
    silhouetteSampleSize: clustering.silhouetteSampleSize,
    silhouetteStandardError: clustering.silhouetteStandardError,
    inertia: clustering.inertia,
    recommendedK: null,
    recommendationReason: clustering.reason,
    kSelection: clustering.kSelection,
    segments,
    keys: rfm.keys,
    droppedRows: [],
    outlierRows: [],
    featureNames: RFM_FEATURES,
    warnings,
    asOf: rfm.asOf,
    windowStart: rfm.windowStart,
    excludedCustomers: rfm.excludedCustomers,
    customers,
    scores,
  };
}

interface RfmClustering {
  labels: Int32Array;
  names: string[];
  silhouettes: Float64Array | null;
  silhouette: number | null;
  silhouetteMethod: RfmResult['silhouetteMethod'];
  silhouetteSampleSize: number | null;
  silhouetteStandardError: number | null;
  inertia: number | null;
  kSelection: RfmResult['kSelection'];
  reason: string;
  warnings: string[];
}

/** Segments by the R×F map, numbered in RFM_SEGMENTS order among those that have customers. */
function scoreSegments(scores: RfmScores): RfmClustering {
  const segmentOf = Array.from(scores.r, (r, i) => RFM_SEGMENTS.indexOf(rfmSegmentName(r, scores.f[i])));
  const present = RFM_SEGMENTS.map((_, s) => s).filter((s) => segmentOf.includes(s));
  const label = new Map(present.map((s, i) => [s, i]));
  return {
    labels: Int32Array.from(segmentOf, (s) => label.get(s) as number),
    names: present.map((s) => RFM_SEGMENTS[s]),
    silhouettes: null,
    silhouette: null,
    silhouetteMethod: null,
    silhouetteSampleSize: null,
    silhouetteStandardError: null,
    inertia: null,
    kSelection: [],
    reason: 'segments follow the R×F score map; no k is chosen',
    warnings: [],
  };
}

/** k-means on standardised log1p R, F, M; segments numbered by size and named from their centres. */
function clusterSegments(
  customers: RfmCustomers,
  options: { k: number; restarts: number; seed: number; helper?: Helper },
): RfmClustering {
  const n = customers.keys.length;
  if (options.k > n) throw new InputError(`k=${options.k} exceeds the ${n} customers in the window`, 'k');
  const refund = customers.monetary.findIndex((m) => m <= -1);
  if (refund >= 0) {
    throw new InputError(
      `amountColumn: customer "${customers.keys[refund]}" has a net amount of ${customers.monetary[refund]} in the window; ` +
        'method KMEANS takes log1p of monetary, which needs more than -1 (method SCORES handles refunds)',
      'amountColumn',
    );
  }
  const rfmAsTable: Table = {
    rowCount: n,
    columns: [
      { name: 'recency', type: 'NUMBER', values: customers.recency },
      { name: 'frequency', type: 'NUMBER', values: customers.frequency },
      { name: 'monetary', type: 'NUMBER', values: customers.monetary },
    ],
  };
  const { X, d } = preprocess(rfmAsTable, { features: RFM_FEATURES, logTransform: RFM_FEATURES });
  const fit = kMeans(X, n, d, options);
  const warnings = [...fit.warnings];
  const { labels, sizes, from } = relabelBySize(fit.labels);
  const centres = new Float64Array(sizes.length * d);
  from.forEach((old, s) => centres.set(fit.centroids.subarray(old * d, old * d + d), s * d));
  if (sizes.length < options.k) {
    warnings.push(
      `k=${options.k} asked for, but only ${sizes.length} distinct segments could be formed (repeated customers)`,
    );
  }
  const rows = silhouetteRowsFor(n, { seed: options.seed });
  const scored = silhouetteFields(
    estimateSilhouette(X, n, d, labels, { exact: rows === null, rows, helper: options.helper }),
  );
  return {
    labels,
    names: nameRfmClusters(centres, sizes.length),
    ...scored,
    inertia: fit.inertia,
    kSelection: [{ k: options.k, inertia: fit.inertia, silhouette: scored.silhouette }],
    reason: `k=${options.k} was given; no other k was tried`,
    warnings,
  };
}

function valuesOf(column: Column, type: 'DATE' | 'NUMBER', argument: string): Float64Array {
  expectType(column, [type], argument);
  return (column as DateColumn | NumberColumn).values;
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * The result layout of a segmentation (k-means or Ward; GraphQL `Segmentation`): the segment label and name beside
 * each row, and a results sheet with the segment profiles (sizes, shares, feature means, category shares), the
 * profile z-scores as a heat map, the k-selection table with silhouette and inertia by k, and charts of segment
 * sizes and of both k-selection curves.
 */
import type { Cell } from '../table/types';
import { numberCell } from './cells';
import type { LayoutChart, LayoutColumn, LayoutTable, ResultLayout, RowColumns } from './types';

/** `SegmentFeature`: a numeric feature of a segment against all segmented rows. */
export interface SegmentFeatureResult {
  name: string;
  mean: number | null;
  overallMean: number | null;
  difference: number | null;
}

/** `SegmentCategory`: a level's share in the segment against its share overall. */
export interface SegmentCategoryResult {
  column: string;
  level: string;
  share: number;
  overallShare: number;
}

/** `Segment`, the fields a layout shows. */
export interface SegmentResult {
  label: number;
  name: string;
  size: number;
  share: number;
  isOutlier: boolean;
  silhouette: number | null;
  /** Bootstrap stability (stabilityResamples); absent or null when the run did not ask for it. */
  stability?: number | null;
  features: readonly SegmentFeatureResult[];
  categories: readonly SegmentCategoryResult[];
}

/** `KScore`. */
export interface KScoreResult {
  k: number;
  inertia: number;
  silhouette: number | null;
}

/** `Segmentation`, the fields a layout shows (a query may ask for exactly these). */
export interface SegmentationResultShape {
  method: 'KMEANS' | 'WARD' | 'SCORES';
  k: number;
  rowCount: number;
  /** One per input row, input order; null for rows left out. */
  labels: readonly (number | null)[];
  silhouette: number | null;
  /** SAMPLED: `silhouette` is the mean over a seeded sample of `silhouetteSampleSize` rows, ± its standard error. */
  silhouetteMethod?: 'EXACT' | 'SAMPLED' | null;
  silhouetteSampleSize?: number | null;
  silhouetteStandardError?: number | null;
  inertia: number | null;
  recommendedK: number | null;
  recommendationReason?: string | null;
  elbowK?: number | null;
  kSelection: readonly KScoreResult[];
  segments: readonly SegmentResult[];
  /** Rows set aside as outliers: they are named after the outlier segment (label −1). */
  outlierRows?: readonly number[] | null;
  warnings?: readonly string[] | null;
}

export interface SegmentationLayoutOptions {
  /** Each row's segment name as `members` gives it; by default derived from `labels`, `segments` and `outlierRows`. */
  segmentNames?: readonly (string | null)[];
  /** Each row's distance to its segment's centre (`rowDistances`), written after the name when given. */
  rowDistances?: readonly (number | null)[];
  /** Each row's own silhouette (`rowSilhouettes`), written as the last row column when given. */
  rowSilhouettes?: readonly (number | null)[];
}

export const SEGMENTS_SHEET = 'Quadrant segments';
export const LABEL_HEADER = 'Segment label';
export const SEGMENT_HEADER = 'Segment';
export const SILHOUETTE_HEADER = 'Silhouette';
export const DISTANCE_HEADER = 'Distance to centre';

const METHOD_NAMES: Record<SegmentationResultShape['method'], string> = {
  KMEANS: 'k-means',
  WARD: 'Ward',
  SCORES: 'RFM scores',
};

/**
 * Lays out a segmentation run.
 * @throws Error when `segmentNames`, `rowDistances` or `rowSilhouettes` does not have one entry per label.
 * @example segmentationLayout(run).rowColumns.columns.map((c) => c.header) → ['Segment label', 'Segment']
 */
export function segmentationLayout(
  run: SegmentationResultShape,
  options: SegmentationLayoutOptions = {},
): ResultLayout {
  const tables: LayoutTable[] = [];
  const charts: LayoutChart[] = [];

  const profiles = profilesTable(run.segments);
  tables.push(profiles);
  charts.push({
    type: 'BarClustered',
    title: 'Segment sizes',
    table: profiles.name,
    categoryColumn: 0,
    valueColumns: [2],
    yAxisTitle: 'Rows',
  });

  const zScores = zScoreTable(run.segments);
  if (zScores) tables.push(zScores);

  if (run.kSelection.length >= 2) {
    const kTable: LayoutTable = {
      name: 'KSelection',
      title: 'Choosing k: silhouette (higher is better) and inertia (look for the elbow)',
      columns: [
        { header: 'k', format: 'integer' },
        { header: 'Silhouette', format: 'decimal3' },
        { header: 'Inertia', format: 'number' },
      ],
      rows: run.kSelection.map((score) => [score.k, numberCell(score.silhouette), numberCell(score.inertia)]),
    };
    tables.push(kTable);
    charts.push(
      {
        type: 'LineMarkers',
        title: 'Silhouette by k',
        table: kTable.name,
        categoryColumn: 0,
        valueColumns: [1],
        xAxisTitle: 'k',
        yAxisTitle: 'Mean silhouette',
      },
      {
        type: 'LineMarkers',
        title: 'Inertia by k',
        table: kTable.name,
        categoryColumn: 0,
        valueColumns: [2],
        xAxisTitle: 'k',
        yAxisTitle: 'Inertia',
      },
    );
  }

  const quality = run.silhouette == null ? '' : `, mean silhouette ${silhouetteText(run, 3)}`;
  const notes = [run.recommendationReason ?? '', ...(run.warnings ?? [])].filter((note) => note.length > 0);
  return {
    rowColumns: segmentRowColumns(run, options),
    sheet: {
      name: SEGMENTS_SHEET,
      title: `${run.k} segments of ${run.rowCount} rows by ${METHOD_NAMES[run.method]}${quality}`,
      notes,
      tables,
      charts,
    },
  };
}

/** Label and segment name of every row (and its distance to the centre and its silhouette when given). */
export function segmentRowColumns(run: SegmentationResultShape, options: SegmentationLayoutOptions = {}): RowColumns {
  const n = run.labels.length;
  const names = options.segmentNames ?? derivedNames(run);
  if (names.length !== n) {
    throw new Error(`segmentationLayout: ${names.length} segment names for ${n} labels`);
  }
  const { rowDistances: distances, rowSilhouettes: silhouettes } = options;
  if (distances && distances.length !== n) {
    throw new Error(`segmentationLayout: ${distances.length} row distances for ${n} labels`);
  }
  if (silhouettes && silhouettes.length !== n) {
    throw new Error(`segmentationLayout: ${silhouettes.length} row silhouettes for ${n} labels`);
  }
  const columns: LayoutColumn[] = [
    { header: LABEL_HEADER, format: 'integer' },
    { header: SEGMENT_HEADER, format: 'text' },
  ];
  if (distances) columns.push({ header: DISTANCE_HEADER, format: 'decimal3' });
  if (silhouettes) columns.push({ header: SILHOUETTE_HEADER, format: 'decimal3' });
  const values: Cell[][] = new Array(n);
  for (let i = 0; i < n; i++) {
    const row: Cell[] = [run.labels[i], names[i]];
    if (distances) row.push(numberCell(distances[i]));
    if (silhouettes) row.push(numberCell(silhouettes[i]));
    values[i] = row;
  }
  return { columns, values };
}

function derivedNames(run: SegmentationResultShape): (string | null)[] {
  const byLabel = new Map(run.segments.map((segment) => [segment.label, segment.name]));
  const names = run.labels.map((label) => (label == null ? null : (byLabel.get(label) ?? null)));
  const outlierName = byLabel.get(-1);
  if (outlierName !== undefined) for (const row of run.outlierRows ?? []) names[row] = outlierName;
  return names;
}

/** One row per segment: size, share, cohesion, feature means and the share of each category level. */
function profilesTable(segments: readonly SegmentResult[]): LayoutTable {
  const features = featureNames(segments);
  const levels = categoryLevels(segments);
  const stability = segments.some((segment) => typeof segment.stability === 'number');
  const columns: LayoutColumn[] = [
    { header: 'Segment', format: 'text' },
    { header: 'Label', format: 'integer' },
    { header: 'Size', format: 'integer' },
    { header: 'Share', format: 'percent' },
    { header: 'Silhouette', format: 'decimal3' },
    ...(stability ? [{ header: 'Stability', format: 'decimal3' } as const] : []),
    { header: 'Outlier', format: 'text' },
    ...features.map((name): LayoutColumn => ({ header: `${name} (mean)`, format: 'number' })),
    ...levels.map(([column, level]): LayoutColumn => ({ header: `${column}=${level}`, format: 'percent' })),
  ];
  const rows = segments.map((segment): Cell[] => {
    const means = new Map(segment.features.map((f) => [f.name, f.mean]));
    const shares = new Map(segment.categories.map((c) => [`${c.column}\u0000${c.level}`, c.share]));
    return [
      segment.name,
      segment.label,
      segment.size,
      segment.share,
      numberCell(segment.silhouette),
      ...(stability ? [numberCell(segment.stability)] : []),
      segment.isOutlier ? 'Yes' : 'No',
      ...features.map((name) => numberCell(means.get(name))),
      ...levels.map(([column, level]) => numberCell(shares.get(`${column}\u0000${level}`) ?? 0)),
    ];
  });
  return { name: 'Profiles', title: 'Segment profiles: size, share, feature means and category shares', columns, rows };
}

/** (segment mean − overall mean) / overall std per feature, coloured blue (below) to red (above). */
function zScoreTable(segments: readonly SegmentResult[]): LayoutTable | null {
  const features = featureNames(segments);
  if (features.length === 0) return null;
  const rows = segments.map((segment): Cell[] => {
    const differences = new Map(segment.features.map((f) => [f.name, f.difference]));
    return [segment.name, ...features.map((name) => numberCell(differences.get(name)))];
  });
  return {
    name: 'ProfileZScores',
    title: 'How each segment differs from all rows (z-scores: standard deviations from the overall mean)',
    columns: [
      { header: 'Segment', format: 'text' },
      ...features.map((name): LayoutColumn => ({ header: name, format: 'number' })),
    ],
    rows,
    colorScale: { firstColumn: 1, lastColumn: features.length },
  };
}

function featureNames(segments: readonly SegmentResult[]): string[] {
  const names = new Set<string>();
  for (const segment of segments) for (const feature of segment.features) names.add(feature.name);
  return [...names];
}

function categoryLevels(segments: readonly SegmentResult[]): [string, string][] {
  const seen = new Map<string, [string, string]>();
  for (const segment of segments) {
    for (const category of segment.categories) {
      const key = `${category.column}\u0000${category.level}`;
      if (!seen.has(key)) seen.set(key, [category.column, category.level]);
    }
  }
  return [...seen.values()];
}

/**
 * The mean silhouette as a reader should take it: `0.312` when exact, `0.312 ± 0.002 (5,000-row sample)` when it is
 * the mean over a sample, with its standard error.
 * @example silhouetteText({ silhouette: 0.3124, silhouetteMethod: 'SAMPLED', silhouetteSampleSize: 5000,
 *   silhouetteStandardError: 0.0021 }, 3) → '0.312 ± 0.002 (5,000-row sample)'
 */
export function silhouetteText(
  run: Pick<
    SegmentationResultShape,
    'silhouette' | 'silhouetteMethod' | 'silhouetteSampleSize' | 'silhouetteStandardError'
  >,
  digits: number,
): string {
  if (run.silhouette == null) return '';
  const mean = run.silhouette.toFixed(digits);
  if (run.silhouetteMethod !== 'SAMPLED' || run.silhouetteSampleSize == null) return mean;
  const error = run.silhouetteStandardError == null ? '' : ` ± ${run.silhouetteStandardError.toFixed(digits)}`;
  return `${mean}${error} (${run.silhouetteSampleSize.toLocaleString('en-US')}-row sample)`;
}

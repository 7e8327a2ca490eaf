/**
 * The results layout of a segmentation (`segment` or `rfm`, GUIDE §2): each row's segment number and name beside the
 * data, and a sheet with the segment profiles (sizes, shares, feature means, level shares), the profile z-scores
 * under a colour scale (the heat map analysts draw by hand), the k-selection table with silhouette and inertia by k
 * (the elbow) and the segment sizes as a bar chart.
 */
import type { Cell } from '../table/types';
import type { LayoutChart, LayoutColumn, LayoutTable, ResultLayout } from './types';

/** The fields of `Segmentation` this layout reads, as the GraphQL API returns them. */
export interface SegmentationForLayout {
  kind?: 'SEGMENT' | 'RFM';
  method: string;
  k: number;
  silhouette?: number | null;
  recommendedK?: number | null;
  recommendationReason?: string | null;
  warnings?: string[];
  labels: (number | null)[];
  kSelection: { k: number; inertia: number; silhouette: number | null }[];
  segments: {
    label: number;
    name: string;
    size: number;
    share: number;
    isOutlier: boolean;
    silhouette?: number | null;
    features: { name: string; mean: number | null; overallMean: number | null; difference: number | null }[];
    categories: { column: string; level: string; share: number; overallShare: number }[];
    recency?: number | null;
    frequency?: number | null;
    monetary?: number | null;
  }[];
}

export interface SegmentationLayoutOptions {
  /** What was segmented, for the sheet title ("Sheet1!A1:H3001"). */
  source: string;
  /**
   * Per-row segment labels when they are not `labels` of the run, e.g. an RFM run whose rows are customers while
   * the analysed rows are transactions: one label per analysed row, null where the row has none.
   */
  rowLabels?: (number | null)[];
  /**
   * RFM runs: each analysed (transaction) row's customer, with their R, F and M scores; adds those three columns
   * beside the segment columns. Null where the row has no customer in the run.
   */
  rowMembers?: ({ label: number | null; rScore: number | null; fScore: number | null; mScore: number | null } | null)[];
}

const METHOD_NAMES: Record<string, string> = { KMEANS: 'k-means', WARD: 'Ward', SCORES: 'RFM scores' };

/**
 * Builds the layout. Rows left out of the run (label null) get empty cells; the outlier segment (label −1) is listed
 * like any other, its name starting with "Outliers".
 * @example segmentationLayout(run, { source: 'Sheet1!A1:H3001' }).sheet.tables.map((t) => t.name)
 * // ['Segments', 'ProfileZScores', 'KSelection']  (the last only when several k were scored)
 */
export function segmentationLayout(run: SegmentationForLayout, options: SegmentationLayoutOptions): ResultLayout {
  const byLabel = new Map(run.segments.map((s) => [s.label, s]));
  const segmentCells = (label: number | null): Cell[] => {
    const segment = label === null ? undefined : byLabel.get(label);
    return segment ? [segment.label, segment.name] : [null, null];
  };
  const rowValues: Cell[][] = options.rowMembers
    ? options.rowMembers.map((m) =>
        m ? [...segmentCells(m.label), m.rScore, m.fScore, m.mScore] : [null, null, null, null, null],
      )
    : (options.rowLabels ?? run.labels).map(segmentCells);

  const tables: LayoutTable[] = [profileTable(run)];
  const charts: LayoutChart[] = [
    {
      type: 'BarClustered',
      title: 'Segment sizes',
      table: 'Segments',
      categoryColumn: 1,
      valueColumns: [2],
      xAxisTitle: 'Segment',
      yAxisTitle: 'Rows',
    },
  ];
  const zScores = zScoreTable(run);
  if (zScores) tables.push(zScores);
  if (run.kSelection.length > 1) {
    tables.push(kSelectionTable(run));
    if (run.kSelection.some((s) => s.silhouette !== null)) {
      charts.push({
        type: 'LineMarkers',
        title: 'Silhouette by k (higher is better)',
        table: 'KSelection',
        categoryColumn: 0,
        valueColumns: [2],
        xAxisTitle: 'k',
        yAxisTitle: 'Mean silhouette',
      });
    }
    charts.push({
      type: 'LineMarkers',
      title: 'Inertia by k (the elbow)',
      table: 'KSelection',
      categoryColumn: 0,
      valueColumns: [1],
      xAxisTitle: 'k',
      yAxisTitle: 'Inertia',
    });
  }

  const method = METHOD_NAMES[run.method] ?? run.method;
  const notes = [
    ...(run.silhouette != null ? [`Mean silhouette ${run.silhouette.toFixed(3)}.`] : []),
    ...(run.recommendationReason ? [run.recommendationReason] : []),
    ...(run.warnings ?? []),
  ];
  return {
    rowColumns: {
      columns: [
        { header: 'Segment', format: 'integer' },
        { header: 'Segment name', format: 'text' },
        ...(options.rowMembers
          ? (['R score', 'F score', 'M score'].map((header) => ({ header, format: 'integer' })) as LayoutColumn[])
          : []),
      ],
      values: rowValues,
    },
    sheet: {
      name: run.kind === 'RFM' ? 'Quadrant RFM' : 'Quadrant segments',
      title: `${run.kind === 'RFM' ? 'RFM segments' : 'Segments'} of ${options.source}: ${method}, k = ${run.k}`,
      notes,
      tables,
      charts,
    },
  };
}

/** Feature means and level shares per segment: the profile an analyst reads first. */
function profileTable(run: SegmentationForLayout): LayoutTable {
  const first = run.segments[0];
  const features = first?.features.map((f) => f.name) ?? [];
  const levels = first?.categories.map((c) => [c.column, c.level] as const) ?? [];
  const rfm = first?.recency != null;
  const columns: LayoutColumn[] = [
    { header: 'Segment', format: 'integer' },
    { header: 'Name', format: 'text' },
    { header: 'Size', format: 'integer' },
    { header: 'Share', format: 'percent' },
    { header: 'Silhouette', format: 'decimal3' },
    ...(rfm
      ? ([
          { header: 'Recency (days)', format: 'number' },
          { header: 'Frequency', format: 'number' },
          { header: 'Monetary', format: 'currency' },
        ] as LayoutColumn[])
      : []),
    ...features.map((name): LayoutColumn => ({ header: `${name} (mean)`, format: 'number' })),
    ...levels.map(([column, level]): LayoutColumn => ({ header: `${column} = ${level} (share)`, format: 'percent' })),
  ];
  const rows = run.segments.map((s): Cell[] => [
    s.label,
    s.name,
    s.size,
    s.share,
    s.silhouette ?? null,
    ...(rfm ? [s.recency ?? null, s.frequency ?? null, s.monetary ?? null] : []),
    ...features.map((name) => s.features.find((f) => f.name === name)?.mean ?? null),
    ...levels.map(
      ([column, level]) => s.categories.find((c) => c.column === column && c.level === level)?.share ?? null,
    ),
  ]);
  return { name: 'Segments', title: 'Segment profiles', columns, rows };
}

/** Each feature's standardised difference from the overall mean, per segment; null when there is no feature. */
function zScoreTable(run: SegmentationForLayout): LayoutTable | null {
  const features = run.segments[0]?.features.map((f) => f.name) ?? [];
  if (features.length === 0) return null;
  return {
    name: 'ProfileZScores',
    title: 'Profile z-scores: (segment mean − overall mean) ÷ overall standard deviation',
    columns: [
      { header: 'Segment', format: 'text' },
      ...features.map((name): LayoutColumn => ({ header: name, format: 'decimal3' })),
    ],
    rows: run.segments.map((s) => [
      s.name,
      ...features.map((name) => s.features.find((f) => f.name === name)?.difference ?? null),
    ]),
    colorScale: { firstColumn: 1, lastColumn: features.length },
  };
}

function kSelectionTable(run: SegmentationForLayout): LayoutTable {
  return {
    name: 'KSelection',
    title: `Choosing k${run.recommendedK != null ? `: silhouette recommends k = ${run.recommendedK}` : ''}`,
    columns: [
      { header: 'k', format: 'integer' },
      { header: 'Inertia', format: 'number' },
      { header: 'Silhouette', format: 'decimal3' },
    ],
    rows: run.kSelection.map((s) => [s.k, s.inertia, s.silhouette]),
  };
}

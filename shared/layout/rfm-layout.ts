/**
 * The result layout of an RFM run (GraphQL `Segmentation` of kind RFM, whose rows are customers): beside every
 * transaction row its customer's segment, recency, frequency, monetary value and R/F/M scores, and a results sheet
 * with one row per segment (customers, share, mean R, F, M and scores) and charts of customers and mean monetary
 * value per segment.
 */
import type { Cell } from '../table/types';
import { numberCell } from './cells';
import type { LayoutColumn, LayoutTable, ResultLayout, RowColumns } from './types';

/** `Segment` of an RFM run, the fields a layout shows. */
export interface RfmSegmentResult {
  label: number;
  name: string;
  size: number;
  share: number;
  recency?: number | null;
  frequency?: number | null;
  monetary?: number | null;
  rScore?: number | null;
  fScore?: number | null;
  mScore?: number | null;
}

/** `Member` of an RFM run: one customer. */
export interface RfmMemberResult {
  key: string | null;
  label: number | null;
  segment: string | null;
  recency: number | null;
  frequency: number | null;
  monetary: number | null;
  rScore: number | null;
  fScore: number | null;
  mScore: number | null;
}

/** `Segmentation` of kind RFM, the fields a layout shows. */
export interface RfmResultShape {
  method: 'SCORES' | 'KMEANS';
  k: number;
  /** Customers with a transaction in the window. */
  rowCount: number;
  asOf?: string | null;
  windowMonths?: number | null;
  windowStart?: string | null;
  excludedCustomers?: number | null;
  silhouette?: number | null;
  segments: readonly RfmSegmentResult[];
  warnings?: readonly string[] | null;
}

export interface RfmLayoutOptions {
  /** The run's members (every customer); needed for the row columns. */
  members?: readonly RfmMemberResult[];
  /** The customer key of each transaction row, in row order; with `members`, makes the row columns. */
  rowCustomers?: readonly (string | null)[];
}

export const RFM_SHEET = 'Quadrant RFM';

const ROW_COLUMNS: LayoutColumn[] = [
  { header: 'RFM segment', format: 'text' },
  { header: 'Recency (days)', format: 'integer' },
  { header: 'Frequency', format: 'integer' },
  { header: 'Monetary', format: 'currency' },
  { header: 'R score', format: 'integer' },
  { header: 'F score', format: 'integer' },
  { header: 'M score', format: 'integer' },
];

/**
 * Lays out an RFM run. Row columns need both `members` and `rowCustomers`; without them `rowColumns` is null.
 * @example rfmLayout(run, { members, rowCustomers }).rowColumns.values[0] → ['Champions', 3, 12, 1840.5, 5, 5, 4]
 */
export function rfmLayout(run: RfmResultShape, options: RfmLayoutOptions = {}): ResultLayout {
  const segments: LayoutTable = {
    name: 'RfmSegments',
    title: 'RFM segments: customers and their mean recency, frequency and monetary value',
    columns: [
      { header: 'Segment', format: 'text' },
      { header: 'Customers', format: 'integer' },
      { header: 'Share', format: 'percent' },
      { header: 'Recency (days)', format: 'number' },
      { header: 'Frequency', format: 'number' },
      { header: 'Monetary', format: 'currency' },
      { header: 'R score', format: 'number' },
      { header: 'F score', format: 'number' },
      { header: 'M score', format: 'number' },
    ],
    rows: run.segments.map((s): Cell[] => [
      s.name,
      s.size,
      s.share,
      numberCell(s.recency),
      numberCell(s.frequency),
      numberCell(s.monetary),
      numberCell(s.rScore),
      numberCell(s.fScore),
      numberCell(s.mScore),
    ]),
  };
  const window = run.windowMonths != null ? ` over the ${run.windowMonths} months before ${run.asOf ?? 'asOf'}` : '';
  const excluded =
    run.excludedCustomers != null && run.excludedCustomers > 0
      ? [`${run.excludedCustomers} customers without a transaction in the window are left out.`]
      : [];
  return {
    rowColumns: options.members && options.rowCustomers ? rfmRowColumns(options.members, options.rowCustomers) : null,
    sheet: {
      name: RFM_SHEET,
      title: `RFM: ${run.k} segments of ${run.rowCount} customers${window}`,
      notes: [...excluded, ...(run.warnings ?? [])],
      tables: [segments],
      charts: [
        {
          type: 'BarClustered',
          title: 'Customers per segment',
          table: segments.name,
          categoryColumn: 0,
          valueColumns: [1],
          yAxisTitle: 'Customers',
        },
        {
          type: 'BarClustered',
          title: 'Mean monetary value per segment',
          table: segments.name,
          categoryColumn: 0,
          valueColumns: [5],
          yAxisTitle: 'Monetary',
        },
      ],
    },
  };
}

/** Each transaction row gets its customer's segment and R, F, M values; rows of unknown customers stay empty. */
export function rfmRowColumns(
  members: readonly RfmMemberResult[],
  rowCustomers: readonly (string | null)[],
): RowColumns {
  const byKey = new Map<string, Cell[]>();
  for (const m of members) {
    if (m.key == null) continue;
    byKey.set(m.key, [
      m.segment,
      numberCell(m.recency),
      numberCell(m.frequency),
      numberCell(m.monetary),
      numberCell(m.rScore),
      numberCell(m.fScore),
      numberCell(m.mScore),
    ]);
  }
  const empty: Cell[] = ROW_COLUMNS.map(() => null);
  return {
    columns: ROW_COLUMNS,
    values: rowCustomers.map((key) => (key == null ? empty : (byKey.get(key) ?? empty)).slice()),
  };
}

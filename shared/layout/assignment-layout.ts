/**
 * The result layout of `assignSegments` (GraphQL `SegmentAssignment`): beside each new row its segment label, name
 * and distance to the segment's centre; on the results sheet the rows per segment, with a column chart.
 */
import type { Cell } from '../table/types';
import { numberCell } from './cells';
import type { ResultLayout } from './types';

/** `SegmentAssignment`, the fields a layout shows. */
export interface SegmentAssignmentShape {
  rows: number;
  labels: readonly (number | null)[];
  names: readonly (string | null)[];
  distances: readonly (number | null)[];
  warnings: readonly string[];
}

export const ASSIGNMENT_SHEET = 'Quadrant assignment';
/** The name shown for rows that got no segment. */
export const UNASSIGNED = '(no segment)';

/**
 * Lays out an assignment: row columns for the new rows, and a count per segment in order of label.
 * @example assignmentLayout(a).rowColumns.columns.map((c) => c.header) → ['Segment label', 'Segment', 'Distance']
 */
export function assignmentLayout(assignment: SegmentAssignmentShape): ResultLayout {
  const counts = new Map<number | null, { name: string; rows: number }>();
  assignment.labels.forEach((label, i) => {
    const entry = counts.get(label) ?? { name: assignment.names[i] ?? UNASSIGNED, rows: 0 };
    entry.rows++;
    counts.set(label, entry);
  });
  const order = [...counts.keys()].sort((a, b) => (a === null ? 1 : b === null ? -1 : a - b));
  return {
    rowColumns: {
      columns: [
        { header: 'Segment label', format: 'integer' },
        { header: 'Segment', format: 'text' },
        { header: 'Distance', format: 'decimal3' },
      ],
      values: assignment.labels.map((label, i): Cell[] => [
        label,
        assignment.names[i] ?? null,
        numberCell(assignment.distances[i]),
      ]),
    },
    sheet: {
      name: ASSIGNMENT_SHEET,
      title: `${assignment.rows} new rows placed in stored segments`,
      notes: [...assignment.warnings],
      tables: [
        {
          name: 'Rows_per_segment',
          title: 'Rows per segment',
          columns: [
            { header: 'Segment label', format: 'integer' },
            { header: 'Segment', format: 'text' },
            { header: 'Rows', format: 'integer' },
            { header: 'Share', format: 'percent' },
          ],
          rows: order.map((label): Cell[] => {
            const { name, rows } = counts.get(label)!;
            return [label, name, rows, assignment.rows > 0 ? rows / assignment.rows : null];
          }),
        },
      ],
      charts: [
        {
          type: 'ColumnClustered',
          title: 'Rows per segment',
          table: 'Rows_per_segment',
          categoryColumn: 1,
          valueColumns: [2],
        },
      ],
    },
  };
}

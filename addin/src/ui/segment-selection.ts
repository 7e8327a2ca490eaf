/**
 * The "Segment selection" action: read the selection, segment its rows on every numeric column, then write each
 * row's segment name in a new column right of the selection and a summary (segment, size, share) on a new sheet.
 */
import type { SegmentRequest, SegmentResult } from '../api/segment';
import { numericColumns } from '../excel/mappers';
import { SelectionError } from '../excel/selection-error';
import type { Workbook } from '../excel/workbook';

/** Header of the column of segment names written next to the selection. */
export const LABEL_HEADER = 'Quadrant segment';

export interface SegmentOutcome {
  rows: number;
  segments: number;
  /** Sheet-qualified address of the written labels column, header included. */
  labelsAddress: string;
  summarySheet: string;
}

/**
 * Runs the action end to end. Rows the segmentation leaves out (null label) get an empty cell.
 * @throws SelectionError when the selection has no numeric column, or what `workbook` and `runSegment` throw.
 */
export async function segmentSelection(
  workbook: Workbook,
  runSegment: (request: SegmentRequest) => Promise<SegmentResult>,
): Promise<SegmentOutcome> {
  const selection = await workbook.readSelection();
  const features = numericColumns(selection);
  if (features.length === 0) {
    throw new SelectionError(`The selection ${selection.address} has no numeric column to segment on.`);
  }
  const result = await runSegment({ table: { header: selection.header, rows: selection.rows }, features });
  if (result.labels.length !== selection.rows.length) {
    throw new Error(`The server returned ${result.labels.length} labels for ${selection.rows.length} rows.`);
  }
  const names = new Map(result.segments.map((s) => [s.label, s.name]));
  const labels = result.labels.map((label) => (label === null ? null : (names.get(label) ?? String(label))));
  const labelsAddress = await workbook.writeColumn(selection.address, LABEL_HEADER, labels);
  const summarySheet = await workbook.writeSummarySheet(
    result.segments.map((s) => ({ segment: s.name, size: s.size, share: s.share })),
  );
  return { rows: selection.rows.length, segments: result.segments.length, labelsAddress, summarySheet };
}

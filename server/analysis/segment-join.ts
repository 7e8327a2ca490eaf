import { InputError } from '../../shared/errors';
import { getColumn, stringValues } from '../../shared/table/access';
import type { Table } from '../../shared/table/types';
import type { Context } from '../context';
import { NotFoundError } from '../errors';

/** The segment name of every keyed member of a stored segmentation, for joins on user id. */
export async function segmentLabelsByKey(
  ctx: Context,
  segmentationId: string,
): Promise<{ keys: string[]; values: (string | null)[] }> {
  return ctx.services.segmentations.membershipByKey(ctx.workspaceId, segmentationId);
}

/**
 * The segment name of each row of `rows` (null for rows in no segment): joined on `userColumn` against the
 * segmentation's key column, or, without a userColumn, by row position, which is only meaningful when the run was made
 * on the same stored dataset (`datasetId`) and so has one label per row of it; anything else is refused, naming
 * userColumn. Outlier rows belong to the outlier segment; rows the run dropped belong to none.
 */
export async function segmentNamesOfRows(
  ctx: Context,
  segmentationId: string,
  rows: Table,
  userColumn: string | null | undefined,
  datasetId: string | null | undefined,
): Promise<(string | null)[]> {
  if (userColumn) {
    const membership = await segmentLabelsByKey(ctx, segmentationId);
    const byKey = new Map(membership.keys.map((key, i) => [key, membership.values[i]]));
    return stringValues(getColumn(rows, userColumn, 'userColumn')).map((key) =>
      key === null ? null : (byKey.get(key) ?? null),
    );
  }
  const segmentations = ctx.services.segmentations;
  const run = await segmentations.find(ctx.workspaceId, segmentationId);
  if (!run) throw new NotFoundError('Segmentation', segmentationId);
  if (run.kind !== 'SEGMENT' || !datasetId || run.datasetId !== datasetId || run.rowCount !== rows.rowCount) {
    throw new InputError(
      `userColumn: segmentation "${segmentationId}" was not made on the rows of this dataset, so its rows cannot be ` +
        'matched by position; give userColumn to join on its key column',
      'userColumn',
    );
  }
  const labels = await segmentations.labels(run);
  const dropped = new Set(await segmentations.droppedRows(run));
  const names = new Map(run.segments.map((s) => [s.label, s.name]));
  return labels.map((label, row) => {
    if (label !== null) return names.get(label) ?? null;
    return dropped.has(row) ? null : (names.get(-1) ?? null);
  });
}

import { InputError } from '../../shared/errors';
import { assignSegments } from '../../shared/segment/assign';
import { getColumn, stringValues } from '../../shared/table/access';
import { loadTable } from '../analysis/load-table';
import type { Context } from '../context';
import { NotFoundError } from '../errors';
import type { AssignSegmentsInput } from './assign-segments.input';
import type { SegmentAssignment } from './assign-segments.type';

/**
 * assignSegments: the stored run's model (`SegmentationEntity.model`) applied to new rows from a dataset or an
 * inline table. Nothing is stored; the run is read, never changed.
 * @throws NotFoundError for a run not in the caller's workspace; InputError for an RFM run, a run stored before
 *   runs kept their model, and new rows that lack the run's feature columns (all of them named).
 */
export async function assignToSegmentation(ctx: Context, input: AssignSegmentsInput): Promise<SegmentAssignment> {
  const run = await ctx.services.segmentations.find(ctx.workspaceId, input.segmentationId);
  if (!run) throw new NotFoundError('Segmentation', input.segmentationId);
  if (run.kind !== 'SEGMENT') {
    throw new InputError(
      `segmentationId: "${run.id}" is an RFM run, whose rows are customers built from transactions; assignSegments puts rows into the segments of a segment run`,
      'segmentationId',
    );
  }
  const model = run.model;
  if (!model) {
    throw new InputError(
      `segmentationId: segmentation "${run.id}" was stored before runs kept their preprocessing and centroids, so new ` +
        'rows cannot be placed in it; run segment again with the same options and assign to the new run',
      'segmentationId',
    );
  }
  // Feature columns are checked by assignSegments, which names every missing one at once: an inline table is read
  // whole, and a stored dataset reads those of the features it has.
  const stored =
    input.datasetId != null && input.table == null
      ? (await ctx.services.datasets.get(ctx.workspaceId, input.datasetId)).columns.map((c) => c.name)
      : [];
  const features = model.sources.map((s) => s.name).filter((name) => stored.includes(name));
  const table = await loadTable(ctx, input, [...features, input.keyColumn]);
  const keys = input.keyColumn != null ? stringValues(getColumn(table, input.keyColumn, 'keyColumn')) : null;
  const assignment = assignSegments(table, model);
  const names = new Map(run.segments.map((s) => [s.label, s.name]));
  return {
    rows: table.rowCount,
    labels: Array.from(assignment.labels, (label) => (label < 0 ? null : label)),
    names: Array.from(assignment.labels, (label) => (label < 0 ? null : (names.get(label) ?? null))),
    distances: Array.from(assignment.distances, (d) => (Number.isNaN(d) ? null : d)),
    keys,
    warnings: assignment.warnings,
  };
}

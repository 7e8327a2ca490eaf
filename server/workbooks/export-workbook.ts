/**
 * `exportWorkbook`: the labelled workbook of a stored run, as the command line writes it. For a run on a dataset,
 * the dataset's rows on the first sheet with the row columns beside them (segment label and name; for RFM each
 * transaction's customer segment, R, F, M and scores; with rowMetrics each row's distance to its centre and its
 * silhouette too) and the results sheet with its charts. For a run on an inline table, whose rows were not stored,
 * the results sheet and a Members sheet (one row per input row or customer).
 */
import ExcelJS from 'exceljs';
import { LimitError } from '../../shared/errors';
import { rfmLayout, type RfmResultShape } from '../../shared/layout/rfm-layout';
import {
  DISTANCE_HEADER,
  segmentationLayout,
  SILHOUETTE_HEADER,
  type SegmentationResultShape,
} from '../../shared/layout/segmentation-layout';
import { NUMBER_FORMATS, type ResultLayout } from '../../shared/layout/types';
import { getColumn, stringValues } from '../../shared/table/access';
import type { Context } from '../context';
import { NotFoundError } from '../errors';
import { MAX_MEMBERS_PAGE } from '../segments/segmentation.service';
import type { Member } from '../segments/segmentation.type';
import type { SegmentationEntity } from '../storage/entities/segmentation.entity';
import { addTableSheet } from './table-sheet';
import type { WorkbookFile } from './workbook-file.type';
import { uniqueSheetName, writeResults } from './write-results';

/** Excel's last row is 1,048,576: one header and this many data rows fit on a sheet. */
export const MAX_SHEET_ROWS = 1_048_575;

/**
 * @throws NotFoundError for an unknown run; LimitError when the rows do not fit on one Excel sheet.
 */
export async function exportWorkbook(ctx: Context, segmentationId: string): Promise<WorkbookFile> {
  const { services, workspaceId } = ctx;
  const run = await services.segmentations.find(workspaceId, segmentationId);
  if (!run) throw new NotFoundError('Segmentation', segmentationId);
  const dataset = run.datasetId ? await services.datasets.find(workspaceId, run.datasetId) : null;
  const rows = dataset ? dataset.rowCount : run.rowCount;
  if (rows > MAX_SHEET_ROWS) {
    throw new LimitError(
      `segmentationId: the run's ${rows} rows do not fit on one Excel sheet (at most ${MAX_SHEET_ROWS})`,
      'segmentationId',
    );
  }
  const members = await allMembers(ctx, run);
  const workbook = new ExcelJS.Workbook();
  let layout: ResultLayout;
  let data = null;
  if (dataset) {
    const table = await services.datasets.loadTable(workspaceId, dataset.id);
    data = addTableSheet(workbook, uniqueSheetName([], dataset.name), table, dataset.name);
    if (run.kind === 'RFM') {
      const customers = stringValues(getColumn(table, String(run.parameters.customerColumn), 'customerColumn'));
      layout = rfmLayout(rfmShape(run), { members, rowCustomers: customers });
    } else {
      layout = segmentationLayout(await segmentationShape(ctx, run), await rowMetrics(ctx, run));
    }
  } else {
    addMembersSheet(workbook, run, members);
    layout = run.kind === 'RFM' ? rfmLayout(rfmShape(run)) : segmentationLayout(await segmentationShape(ctx, run));
  }
  const { bytes } = await writeResults(workbook, layout, data);
  const base =
    (run.name ?? dataset?.name ?? 'segmentation').replace(/[^\p{L}\p{N} _.-]+/gu, '_').trim() || 'segmentation';
  return {
    fileName: `${base}-${run.kind === 'RFM' ? 'rfm' : 'segments'}.xlsx`,
    base64: bytes.toString('base64'),
    bytes: bytes.length,
  };
}

async function segmentationShape(ctx: Context, run: SegmentationEntity): Promise<SegmentationResultShape> {
  return {
    method: run.method,
    k: run.k,
    rowCount: run.rowCount,
    labels: await ctx.services.segmentations.labels(run),
    silhouette: run.silhouette,
    inertia: run.inertia,
    recommendedK: run.recommendedK,
    recommendationReason: run.recommendationReason,
    elbowK: run.elbowK,
    kSelection: run.kSelection,
    segments: run.segments,
    outlierRows: await ctx.services.segmentations.outlierRows(run),
    warnings: run.warnings,
  };
}

/** A rowMetrics run's per-row distances and silhouettes, as segmentationLayout writes them beside the rows. */
async function rowMetrics(ctx: Context, run: SegmentationEntity) {
  const rowDistances = await ctx.services.segmentations.rowMetric(run, 'distance');
  const rowSilhouettes = await ctx.services.segmentations.rowMetric(run, 'silhouette');
  return rowDistances && rowSilhouettes ? { rowDistances, rowSilhouettes } : {};
}

function rfmShape(run: SegmentationEntity): RfmResultShape {
  return {
    method: run.method === 'KMEANS' ? 'KMEANS' : 'SCORES',
    k: run.k,
    rowCount: run.rowCount,
    asOf: run.asOf,
    windowMonths: run.windowMonths,
    windowStart: run.windowStart,
    excludedCustomers: run.excludedCustomers,
    silhouette: run.silhouette,
    segments: run.segments,
    warnings: run.warnings,
  };
}

async function allMembers(ctx: Context, run: SegmentationEntity): Promise<Member[]> {
  const members: Member[] = [];
  let after: string | null = null;
  for (;;) {
    const page = await ctx.services.segmentations.members(run, { first: MAX_MEMBERS_PAGE, after });
    for (const edge of page.edges) members.push(edge.node);
    if (!page.pageInfo.hasNextPage) return members;
    after = page.pageInfo.endCursor;
  }
}

/** One row per member (input row, or customer for RFM): the run's own record of who is in which segment. */
function addMembersSheet(workbook: ExcelJS.Workbook, run: SegmentationEntity, members: readonly Member[]): void {
  const worksheet = workbook.addWorksheet('Members');
  const rfm = run.kind === 'RFM';
  const header = rfm
    ? [
        'Customer',
        'Segment label',
        'Segment',
        'Recency (days)',
        'Frequency',
        'Monetary',
        'R score',
        'F score',
        'M score',
      ]
    : ['Row', 'Key', 'Segment label', 'Segment'];
  const metrics = !rfm && run.parameters.rowMetrics === true;
  if (metrics) header.push(DISTANCE_HEADER, SILHOUETTE_HEADER);
  worksheet.addRow(header).font = { bold: true };
  for (const m of members) {
    worksheet.addRow(
      rfm
        ? [m.key, m.label, m.segment, m.recency, m.frequency, m.monetary, m.rScore, m.fScore, m.mScore]
        : [m.row + 1, m.key, m.label, m.segment, ...(metrics ? [m.distance, m.silhouette] : [])],
    );
  }
  if (metrics) [5, 6].forEach((j) => (worksheet.getColumn(j).numFmt = NUMBER_FORMATS.decimal3));
  header.forEach((name, j) => (worksheet.getColumn(j + 1).width = Math.max(10, name.length + 2)));
  worksheet.views = [{ state: 'frozen', ySplit: 1 }];
}

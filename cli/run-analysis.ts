/**
 * One command-line run: read the file, run the analysis in process through the GraphQL API, then print the report
 * (--json) or write a labelled copy of the workbook: the row columns beside the data and a results sheet with
 * tables and native charts. The original file is only read; the copy appears when complete.
 */
import { basename, dirname, extname, join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import type { GraphQLSchema } from 'graphql';
import { tableFromCells } from '../shared/table/from-cells';
import { openLocalQuadrant } from '../server/local/local-quadrant';
import { addTableSheet } from '../server/workbooks/table-sheet';
import { writeResults, type DataSheet } from '../server/workbooks/write-results';
import type { Analysis } from './analyses';
import { writeFileAtomically } from './atomic-write';
import type { NestedSource } from './input-options';
import { createProgress } from './progress';
import { readInputFile, readOtherSheet } from './read-input';

export interface RunRequest {
  analysis: Analysis;
  schema: GraphQLSchema;
  file: string;
  sheet?: string;
  out?: string;
  json: boolean;
  /** The GraphQL input built from the flags, without its rows. */
  input: Record<string, unknown>;
  /** Nested table sources given by --<field>-sheet / --<field>-file. */
  nested: { source: NestedSource; sheet?: string; file?: string }[];
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** Where the copy goes when --out is not given: beside the input, "customers-segment.xlsx". */
export function defaultOutput(file: string, command: string): string {
  return join(dirname(file), `${basename(file, extname(file))}-${command}.xlsx`);
}

/**
 * @throws InputError or LocalGraphQLError (exit 1) for anything wrong with the files or the analysis's input;
 *   UsageError (exit 2) for an --out that cannot be used.
 */
export async function runAnalysis(request: RunRequest): Promise<void> {
  const { analysis, file } = request;
  const out = request.out ?? defaultOutput(file, analysis.command);
  if (!request.json && resolve(out) === resolve(file)) {
    throw new UsageError(`--out ${out} is the input file; the original is never overwritten`);
  }
  if (!request.json && !/\.xlsx$/i.test(out)) throw new UsageError(`--out ${out}: the copy is an .xlsx workbook`);

  const data = await readInputFile(file, request.sheet);
  const input: Record<string, unknown> = {
    ...request.input,
    table: { header: data.table.header, rows: data.table.rows },
  };
  for (const nested of request.nested) {
    const table = nested.sheet ? readOtherSheet(data, nested.sheet) : (await readInputFile(nested.file!)).table;
    const given = (input[nested.source.field] ?? {}) as Record<string, unknown>;
    input[nested.source.field] = { ...given, table: { header: table.header, rows: table.rows } };
  }
  for (const warning of data.table.warnings) request.stderr(`warning: ${warning}\n`);

  const progress = createProgress(analysis.command === 'segment' ? 'Choosing k' : 'Running');
  const quadrant = await openLocalQuadrant({
    schema: request.schema,
    onProgress: (done, total) => progress.update(done, total),
  });
  try {
    const result = (await quadrant.run<Record<string, unknown>>(analysis.document, { input }))[analysis.field];
    progress.stop();
    const warnings = ((result as { warnings?: string[] }).warnings ?? []).filter(Boolean);
    if (request.json) {
      request.stdout(`${JSON.stringify(result, null, 2)}\n`);
      return;
    }
    for (const warning of warnings) request.stderr(`warning: ${warning}\n`);
    const layout = await analysis.layout(result, { quadrant, data: data.table, input });

    let workbook: ExcelJS.Workbook;
    let sheet: DataSheet;
    if (data.workbook && data.worksheet) {
      workbook = data.workbook;
      sheet = { worksheet: data.worksheet, table: data.table };
    } else {
      workbook = new ExcelJS.Workbook();
      const table = tableFromCells(data.table.header, data.table.rows);
      sheet = addTableSheet(workbook, data.table.sheetName, table, file, data.table.rows);
    }
    const written = await writeResults(workbook, layout, sheet);
    await writeFileAtomically(out, written.bytes);
    const added =
      written.rowHeaders.length > 0
        ? `; ${written.rowHeaders.join(', ')} added to sheet "${sheet.table.sheetName}"`
        : '';
    request.stdout(
      `${out}: sheet "${written.sheetName}" with ${layout.sheet.tables.length} tables and ` +
        `${layout.sheet.charts.length} charts${added}\n`,
    );
  } finally {
    progress.stop();
    await quadrant.close();
  }
}

/** A mistake in how the command was called (exit code 2), as opposed to bad data (exit code 1). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

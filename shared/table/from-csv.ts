import Papa from 'papaparse';
import { InputError } from '../errors';
import { tableFromColumnCells, validateHeader, type TableOptions } from './from-cells';
import type { Table } from './types';

/** Papa Parse hands rows over in chunks of about this many characters. */
const CHUNK_CHARS = 1 << 20;

/**
 * Builds a Table from CSV text with Papa Parse (RFC 4180 quoting; the delimiter — comma, semicolon, tab or pipe —
 * is detected), then infers column types as for spreadsheet cells. The first line is the header; blank lines are
 * skipped; a leading byte-order mark is ignored. Rows count from 1 after the header in every message.
 * Rows are moved into per-column arrays chunk by chunk, so a million-row file never exists as a million row
 * arrays (that halves the parse time, most of which is garbage collection).
 *
 * @throws InputError for empty text, a header with no data rows, blank or duplicate header names, a row with more
 *   or fewer fields than the header, or malformed quoting.
 */
export function tableFromCsv(text: string, options: TableOptions = {}): Table {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') throw new InputError('csv: the CSV is empty', 'csv');
  let names: string[] | null = null;
  let columns: string[][] = [];
  let row = 0;
  let failure: InputError | null = null;
  // Papa Parse streams a string synchronously through `chunk`; its typings only allow that for files and workers.
  const config: Papa.ParseConfig<string[]> & {
    chunkSize: number;
    chunk(results: Papa.ParseResult<string[]>, parser: Papa.Parser): void;
  } = {
    skipEmptyLines: true,
    delimitersToGuess: [',', ';', '\t', '|'],
    chunkSize: CHUNK_CHARS,
    chunk: (result, parser) => {
      try {
        const quoteError = result.errors.find((e) => e.type === 'Quotes');
        if (quoteError)
          throw new InputError(`csv: malformed quoting near row ${row + 1}: ${quoteError.message}`, 'csv');
        const data = result.data;
        let start = 0;
        if (names === null) {
          names = validateHeader(data[0]);
          columns = names.map(() => []);
          start = 1;
        }
        const width = names.length;
        for (let i = start; i < data.length; i++) {
          const fields = data[i];
          if (fields.length !== width) {
            // A line of blanks only (",,,") is an empty line, not a ragged one.
            if (fields.every((f) => f.trim() === '')) continue;
            throw new InputError(`csv: row ${row + 1} has ${fields.length} fields; the header has ${width}`, 'csv');
          }
          for (let j = 0; j < width; j++) columns[j].push(fields[j]);
          row++;
        }
      } catch (error) {
        failure = error instanceof InputError ? error : new InputError(`csv: ${String(error)}`, 'csv');
        parser.abort();
      }
    },
  };
  Papa.parse<string[]>(body, config as unknown as Papa.ParseWorkerConfig<string[]>);
  if (failure) throw failure;
  if (names === null || row === 0) throw new InputError('csv: the CSV has a header but no data rows', 'csv');
  return tableFromColumnCells(names, (j) => columns[j], row, options);
}

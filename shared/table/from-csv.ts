import Papa from 'papaparse';
import { InputError } from '../errors';
import { tableFromColumnCells, validateHeader, type TableOptions } from './from-cells';
import { isPlainCsv, plainCsvTable } from './plain-csv';
import type { Table } from './types';

/** Papa Parse hands rows over in chunks of about this many characters. */
const CHUNK_CHARS = 1 << 20;

/**
 * Builds a Table from CSV text with Papa Parse (RFC 4180 quoting; the delimiter — comma, semicolon, tab or pipe —
 * is detected), then infers column types as for spreadsheet cells. The first line is the header; blank lines are
 * skipped; a leading byte-order mark is ignored. Rows count from 1 after the header in every message.
 * Text without any quote character (most exports) is read by `plainCsvTable`, which gives the same Table faster;
 * the rest goes through Papa Parse, its rows moved into per-column arrays chunk by chunk, so a million-row file
 * never exists as a million row arrays (that halves the parse time, most of which is garbage collection).
 *
 * @throws InputError for empty text, a header with no data rows, blank or duplicate header names, a row with more
 *   or fewer fields than the header, or malformed quoting.
 */
export function tableFromCsv(text: string, options: TableOptions = {}): Table {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') throw new InputError('csv: the CSV is empty', 'csv');
  if (isPlainCsv(body)) return plainCsvTable(body, guessDelimiter(body), options);
  return papaCsvTable(body, options);
}

/** The general path of `tableFromCsv` (quoted fields), with Papa Parse; `body` has no byte-order mark. */
export function papaCsvTable(body: string, options: TableOptions = {}): Table {
  let names: string[] | null = null;
  let columns: string[][] = [];
  let row = 0;
  let failure: InputError | null = null;
  // Papa Parse streams a string synchronously through `chunk`; its typings only allow that for files and workers.
  const config: Papa.ParseConfig<string[]> & {
    chunkSize: number;
    chunk(results: Papa.ParseResult<string[]>, parser: Papa.Parser): void;
  } = {
    ...DELIMITER_GUESS,
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

/** The delimiter Papa Parse would detect: it decides from the first rows, so only those are handed to it. */
export function guessDelimiter(body: string): string {
  let end = 0;
  for (let lines = 0; lines < GUESS_LINES && end !== -1; lines++) end = body.indexOf('\n', end + 1);
  const head = end === -1 ? body : body.slice(0, end);
  return Papa.parse<string[]>(head, { ...DELIMITER_GUESS, preview: 1 }).meta.delimiter;
}
/** Papa Parse guesses from 10 rows; blank lines among them count too. */
const GUESS_LINES = 64;
const DELIMITER_GUESS = { skipEmptyLines: true, delimitersToGuess: [',', ';', '\t', '|'] };

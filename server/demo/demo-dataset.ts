/** A cell as Excel hands it over: number, string, boolean, or null for an empty cell. Dates are ISO strings. */
export type DemoCell = number | string | boolean | null;

/**
 * One demo data set, shaped as an analyst would paste it from a spreadsheet: a header row and rows of cells.
 * `npm start` imports these on first start so that every analysis has something to find.
 */
export interface DemoDataset {
  name: string;
  description: string;
  header: string[];
  rows: DemoCell[][];
}

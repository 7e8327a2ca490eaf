/**
 * The slice of the GraphQL contract (GUIDE §2) that both the Excel layer and the API client speak, kept here so
 * neither has to import the other.
 */

/** A spreadsheet cell as the `Cell` scalar accepts it: number, string, boolean or null. */
export type Cell = number | string | boolean | null;

/** `input TableInput { header: [String!]! rows: [[Cell]!]! }`: the first row names the columns. */
export interface TableInput {
  header: string[];
  rows: Cell[][];
}

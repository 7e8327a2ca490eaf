/** The options and result of `correlations`; names follow the GraphQL `CorrelationInput` and `CorrelationReport`. */

/** PEARSON: linear correlation of the values; SPEARMAN: Pearson's r of their average ranks. */
export type CorrelationMethod = 'PEARSON' | 'SPEARMAN';

export interface CorrelationOptions {
  /** Columns to correlate: numeric ones as they are, categorical ones as one indicator per level. */
  columns: readonly string[];
  /** Numeric-coded columns to expand into indicators (a region coded 0/1/2); CATEGORY, TEXT and BOOLEAN always are. */
  categorical?: readonly string[];
  method?: CorrelationMethod;
  /** A column ("clv") or indicator ("channel=Google") whose correlations with every other column are listed by strength. */
  target?: string;
}

/** One column's correlation with the target. */
export interface TargetCorrelation {
  column: string;
  r: number | null;
  pValue: number | null;
  /** Rows with a value in both the column and the target. */
  rows: number;
}

export interface CorrelationReport {
  method: CorrelationMethod;
  /** The correlated columns after expansion: "spend", "region=0", "channel=Google". */
  columns: string[];
  /** r of every pair over the rows complete in that pair; null where undefined (a constant, fewer than 2 rows). */
  matrix: (number | null)[][];
  /** Two-sided p-value of every pair (scipy's pearsonr / spearmanr); 0 on the diagonal, null where r is. */
  pValues: (number | null)[][];
  /** Rows complete in each pair. */
  pairRows: number[][];
  /** Input rows read. */
  rows: number;
  /** The target's column sorted by |r|, strongest first (undefined r last); [] without a target. */
  target: TargetCorrelation[];
  warnings: string[];
}

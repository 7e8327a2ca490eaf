import { InputError, LimitError } from '../errors';
import { fsum } from '../math/sum';
import { getColumn, stringValues } from '../table/access';
import type { Column, Table } from '../table/types';
import type { MissingPolicy, Scaling } from './types';

/** A one-hot encoded column may have at most this many levels (one feature per level). */
export const MAX_LEVELS = 50;

export interface PreprocessOptions {
  features: readonly string[];
  /** Numeric-coded columns to one-hot encode; a column listed here need not be repeated in `features`. */
  categorical?: readonly string[];
  missing?: MissingPolicy;
  scaling?: Scaling;
  /** Numeric features transformed with log1p before scaling. */
  logTransform?: readonly string[];
  /** Input rows (0-based) to consider, in order; default every row. */
  rows?: ArrayLike<number>;
  /** Fewest rows that must remain (default 2). */
  minRows?: number;
}

/** How one expanded feature was built, so values can be mapped back to the column's own units. */
export interface FeatureColumn {
  /** "income", or "region=1" for the indicator of a level. */
  name: string;
  source: string;
  /** The level this indicator stands for; null for a numeric feature. */
  level: string | null;
  /** log1p was applied before scaling. */
  log: boolean;
  /** Value that stood in for missing cells (ZERO: 0, MEAN: the mean, or the level's share); NaN under DROP. */
  fill: number;
  /** Scaled value = (value − center) / scale: mean and population std (STANDARD), min and range (MINMAX), 0 and 1. */
  center: number;
  scale: number;
}

/** An original feature column as profiles read it: raw values or level codes, one per input row. */
export type SourceColumn =
  | { kind: 'NUMERIC'; name: string; values: Float64Array }
  | { kind: 'CATEGORICAL'; name: string; codes: Int32Array; levels: string[] };

export interface Preprocessed {
  /** Row-major n×d matrix of scaled features. */
  X: Float64Array;
  n: number;
  d: number;
  featureNames: string[];
  /** The input row (0-based) of each row of X. */
  rowIndex: Int32Array;
  /** Input rows (0-based) dropped for a missing value (missing = DROP). */
  droppedRows: number[];
  columns: FeatureColumn[];
  sources: SourceColumn[];
}

/**
 * Turns table columns into the numeric matrix a clustering reads, as the analysts' scikit-learn workflow does:
 * missing cells filled (ZERO: `fillna(0)`, MEAN: `SimpleImputer(strategy='mean')`) or their rows dropped
 * (`dropna`), `np.log1p` on the `logTransform` columns, CATEGORY, BOOLEAN and `categorical` columns one-hot encoded
 * as `pd.get_dummies` (one 0/1 column per level, named "region=1"; a missing level gives all zeros under ZERO and
 * each level's share under MEAN), then every column scaled — indicators included, so that distances weigh a level
 * change like a one-std change — with `StandardScaler` (population std), `MinMaxScaler` or not at all.
 *
 * Levels follow `get_dummies`: a CATEGORY column's own order, numbers and text sorted ascending, false before true;
 * levels absent from the kept rows get no column (pandas would add an all-zero one).
 *
 * Refused with an InputError naming the column: unknown columns, TEXT as a numeric feature, ±Infinity (first row,
 * 1-based), a column with no value, a column that is constant (it carries no information and would divide by a
 * zero std), log1p of a value ≤ −1, more than MAX_LEVELS levels to one-hot (LimitError), fewer than `minRows` rows.
 *
 * @example
 * preprocess(table, { features: ['spend', 'region'], categorical: ['region'], logTransform: ['spend'] });
 * // → { X, n, d: 4, featureNames: ['spend', 'region=0', 'region=1', 'region=2'], … }
 */
export function preprocess(table: Table, options: PreprocessOptions): Preprocessed {
  const missing = options.missing ?? 'ZERO';
  const scaling = options.scaling ?? 'STANDARD';
  const minRows = options.minRows ?? 2;
  const categorical = options.categorical ?? [];
  const logTransform = options.logTransform ?? [];
  checkNames(options.features, 'features');
  checkNames(categorical, 'categorical');
  checkNames(logTransform, 'logTransform');
  if (options.features.length === 0 && categorical.length === 0) {
    throw new InputError('features: no column given; at least one feature is needed', 'features');
  }

  const names = [...options.features, ...categorical.filter((c) => !options.features.includes(c))];
  const candidates = options.rows ? Int32Array.from(options.rows) : new Int32Array(table.rowCount);
  if (!options.rows) for (let i = 0; i < candidates.length; i++) candidates[i] = i;
  const sources = names.map((name) =>
    readSource(getColumn(table, name, categorical.includes(name) ? 'categorical' : 'features'), categorical),
  );
  for (const name of logTransform) {
    const source = sources.find((s) => s.name === name);
    if (!source || source.kind !== 'NUMERIC') {
      throw new InputError(
        `logTransform: "${name}" is not a numeric feature; log1p applies to the numeric columns listed in features`,
        'logTransform',
      );
    }
  }
  for (const source of sources) checkValues(source, candidates, logTransform.includes(source.name));

  const droppedRows: number[] = [];
  let kept = candidates;
  if (missing === 'DROP') {
    const complete: number[] = [];
    for (const row of candidates) {
      if (sources.some((s) => isMissing(s, row))) droppedRows.push(row);
      else complete.push(row);
    }
    kept = Int32Array.from(complete);
  }
  if (kept.length < minRows) {
    const reason = droppedRows.length > 0 ? ` after dropping ${droppedRows.length} with a missing value` : '';
    throw new InputError(
      `features: ${kept.length} usable row${kept.length === 1 ? '' : 's'}${reason}; at least ${minRows} are needed`,
      'features',
    );
  }
  const rowIndex = kept;

  const expanded: { column: FeatureColumn; values: Float64Array }[] = [];
  const encoded: SourceColumn[] = [];
  for (const source of sources) {
    if (source.kind === 'NUMERIC') {
      const log = logTransform.includes(source.name);
      expanded.push(numericFeature(source, rowIndex, missing, log));
      encoded.push(source);
    } else {
      const { features, levels, codes } = indicatorFeatures(source, rowIndex, missing);
      expanded.push(...features);
      encoded.push({ kind: 'CATEGORICAL', name: source.name, codes, levels });
    }
  }

  const n = rowIndex.length;
  const d = expanded.length;
  const X = new Float64Array(n * d);
  expanded.forEach(({ column, values }, j) => {
    const { center, scale } = scaleOf(values, scaling);
    column.center = center;
    column.scale = scale;
    for (let i = 0; i < n; i++) X[i * d + j] = (values[i] - center) / scale;
  });
  const columns = expanded.map((e) => e.column);
  return { X, n, d, featureNames: columns.map((c) => c.name), rowIndex, droppedRows, columns, sources: encoded };
}

type RawSource =
  | { kind: 'NUMERIC'; name: string; values: Float64Array }
  | { kind: 'CATEGORICAL'; name: string; codes: Int32Array; levels: string[]; numbers: Float64Array | null };

function checkNames(names: readonly string[], argument: string): void {
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) throw new InputError(`${argument}: column "${name}" is listed twice`, argument);
    seen.add(name);
  }
}

/** Decides how a column enters the matrix: as numbers, or as levels to one-hot encode (codes into sorted levels). */
function readSource(column: Column, categorical: readonly string[]): RawSource {
  const oneHot = categorical.includes(column.name);
  switch (column.type) {
    case 'NUMBER':
    case 'DATE':
      if (!oneHot) return { kind: 'NUMERIC', name: column.name, values: column.values };
      if (column.type === 'NUMBER') return numberLevels(column.name, column.values);
      return textLevels(column.name, stringValues(column));
    case 'CATEGORY':
      return { kind: 'CATEGORICAL', name: column.name, codes: column.codes, levels: [...column.levels], numbers: null };
    case 'BOOLEAN': {
      const codes = new Int32Array(column.values.length);
      for (let i = 0; i < codes.length; i++) codes[i] = Number.isNaN(column.values[i]) ? -1 : column.values[i];
      return { kind: 'CATEGORICAL', name: column.name, codes, levels: ['false', 'true'], numbers: null };
    }
    case 'TEXT':
      if (!oneHot) {
        throw new InputError(
          `features: column "${column.name}" holds text, not numbers; list it in categorical to one-hot encode it`,
          'features',
        );
      }
      return textLevels(column.name, column.values);
  }
}

function numberLevels(name: string, values: Float64Array): RawSource {
  const distinct = [...new Set(Array.from(values).filter((v) => Number.isFinite(v)))].sort((a, b) => a - b);
  const index = new Map(distinct.map((v, i) => [v, i]));
  const codes = new Int32Array(values.length);
  for (let i = 0; i < codes.length; i++) codes[i] = index.get(values[i]) ?? -1;
  return { kind: 'CATEGORICAL', name, codes, levels: distinct.map(String), numbers: values };
}

function textLevels(name: string, values: readonly (string | null)[]): RawSource {
  const distinct = [...new Set(values.filter((v): v is string => v !== null && v !== ''))].sort((a, b) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  const index = new Map(distinct.map((v, i) => [v, i]));
  const codes = new Int32Array(values.length);
  for (let i = 0; i < codes.length; i++) codes[i] = index.get(values[i] ?? '') ?? -1;
  return { kind: 'CATEGORICAL', name, codes, levels: distinct, numbers: null };
}

function isMissing(source: RawSource, row: number): boolean {
  return source.kind === 'NUMERIC' ? Number.isNaN(source.values[row]) : source.codes[row] < 0;
}

function checkValues(source: RawSource, rows: Int32Array, log: boolean): void {
  const values = source.kind === 'NUMERIC' ? source.values : source.numbers;
  // isMissing, unrolled by kind: a level code below 0, or a NaN number.
  const codes = source.kind === 'CATEGORICAL' ? source.codes : null;
  const numbers = source.kind === 'NUMERIC' ? source.values : null;
  let present = 0;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    if (values) {
      const v = values[row];
      if (v === Infinity || v === -Infinity) {
        throw new InputError(
          `features: column "${source.name}" holds ${v} at row ${row + 1}; only finite numbers (or empty cells) can be clustered`,
          source.name,
        );
      }
      if (log && v <= -1) {
        throw new InputError(
          `logTransform: column "${source.name}" holds ${v} at row ${row + 1}; log1p needs values greater than -1`,
          source.name,
        );
      }
    }
    if (codes ? codes[row] >= 0 : (numbers as Float64Array)[row] === (numbers as Float64Array)[row]) present++;
  }
  if (present === 0) {
    throw new InputError(
      `features: column "${source.name}" has no value in any of the ${rows.length} rows`,
      source.name,
    );
  }
}

function numericFeature(
  source: { name: string; values: Float64Array },
  rows: Int32Array,
  missing: MissingPolicy,
  log: boolean,
): { column: FeatureColumn; values: Float64Array } {
  const values = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) values[i] = source.values[rows[i]];
  const fill = missing === 'DROP' ? NaN : missing === 'MEAN' ? fsum(values, true) / countPresent(values) : 0;
  for (let i = 0; i < values.length; i++) if (Number.isNaN(values[i])) values[i] = fill;
  const constant = constantValue(values);
  if (constant !== null) {
    throw new InputError(
      `features: column "${source.name}" has the same value (${constant}) in all ${values.length} rows; ${NO_INFORMATION}`,
      source.name,
    );
  }
  if (log) for (let i = 0; i < values.length; i++) values[i] = Math.log1p(values[i]);
  return { column: { name: source.name, source: source.name, level: null, log, fill, center: 0, scale: 1 }, values };
}

function indicatorFeatures(
  source: { name: string; codes: Int32Array; levels: string[] },
  rows: Int32Array,
  missing: MissingPolicy,
): { features: { column: FeatureColumn; values: Float64Array }[]; levels: string[]; codes: Int32Array } {
  const counts = new Float64Array(source.levels.length);
  let present = 0;
  for (const row of rows) {
    const code = source.codes[row];
    if (code >= 0) {
      counts[code]++;
      present++;
    }
  }
  const observed = source.levels.map((_, code) => code).filter((code) => counts[code] > 0);
  if (observed.length > MAX_LEVELS) {
    throw new LimitError(
      `categorical: column "${source.name}" has ${observed.length} distinct values; one-hot encoding allows at most ${MAX_LEVELS}`,
      source.name,
    );
  }
  const recode = new Int32Array(source.levels.length).fill(-1);
  observed.forEach((code, i) => (recode[code] = i));
  const codes = new Int32Array(source.codes.length);
  for (let i = 0; i < codes.length; i++) codes[i] = source.codes[i] < 0 ? -1 : recode[source.codes[i]];

  const features = observed.map((code, i) => {
    const fill = missing === 'DROP' ? NaN : missing === 'MEAN' ? counts[code] / present : 0;
    const values = new Float64Array(rows.length);
    for (let r = 0; r < rows.length; r++) {
      const c = codes[rows[r]];
      values[r] = c < 0 ? fill : c === i ? 1 : 0;
    }
    const level = source.levels[code];
    if (constantValue(values) !== null) {
      throw new InputError(
        `features: column "${source.name}" has the same level ("${level}") in all ${rows.length} rows; ${NO_INFORMATION}`,
        source.name,
      );
    }
    const column: FeatureColumn = {
      name: `${source.name}=${level}`,
      source: source.name,
      level,
      log: false,
      fill,
      center: 0,
      scale: 1,
    };
    return { column, values };
  });
  return { features, levels: observed.map((code) => source.levels[code]), codes };
}

function countPresent(values: Float64Array): number {
  let count = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) count++;
  return count;
}

const NO_INFORMATION =
  'a constant carries no information to tell segments apart (and has no spread to scale by), so leave it out';

/** The value every entry shares, or null when they differ. */
function constantValue(values: Float64Array): number | null {
  for (let i = 1; i < values.length; i++) if (values[i] !== values[0]) return null;
  return values[0];
}

function scaleOf(values: Float64Array, scaling: Scaling): { center: number; scale: number } {
  if (scaling === 'NONE') return { center: 0, scale: 1 };
  if (scaling === 'MINMAX') {
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < values.length; i++) {
      if (values[i] < min) min = values[i];
      if (values[i] > max) max = values[i];
    }
    return { center: min, scale: max - min };
  }
  const mean = fsum(values) / values.length;
  return { center: mean, scale: Math.sqrt(sumOfSquaredDeviations(values, mean) / values.length) };
}

/** Σ (v − mean)², compensated as fsum sums an array of the squares (the same operations, without the array). */
function sumOfSquaredDeviations(values: Float64Array, mean: number): number {
  let sum = 0;
  let compensation = 0;
  for (let i = 0; i < values.length; i++) {
    const x = (values[i] - mean) ** 2;
    const t = sum + x;
    compensation += Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum;
    sum = t;
  }
  return sum + compensation;
}

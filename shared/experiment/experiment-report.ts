import { InputError, LimitError } from '../errors';
import { encodeColumn, expectType, getColumn, numericValues } from '../table/access';
import type { Column, Table } from '../table/types';
import { conversionValues } from './conversion-values';
import { experimentFromAggregates } from './experiment-from-aggregates';
import { GroupedCovariances } from './grouped-covariances';
import { GroupedSummaries } from './grouped-summaries';
import { DEFAULT_SEQUENTIAL_TUNING } from './sequential-test';
import { CORRECTIONS, type ExperimentOptions, type ExperimentReport, type VariantGroup } from './types';

/** A segment column with more distinct values than this is refused: its per-value reports would be noise. */
export const MAX_SEGMENT_VALUES = 500;

/**
 * The A/B test report for a table of users, one row per user (GraphQL `experiment`): variants in order of first
 * appearance in variantColumn, each compared with the control (see analyze-experiment.ts for the statistics and the
 * libraries they match), the chi-square test over all variants, the sample-ratio check, optional pairwise
 * comparisons, and the whole report again for the rows of each value of each segment column. With covariateColumn
 * each variant also gets a CUPED readout of revenue (cuped.ts); with sequential, always-valid p-values and intervals
 * (sequential-test.ts, with a warning on when to use them); with segments (a stored segmentation's name per row), one
 * readout per segment whose adjusted p-values are corrected across all segment × variant tests as one family
 * (correct-family.ts), each flagged exploratory.
 *
 * Rows are read as follows, each case named in `warnings`: a blank variant leaves the row out; a blank conversion
 * counts as not converted; a blank revenue counts as 0 (users who bought nothing); a blank segment value leaves
 * the row out of that column's segments only. Row numbers in messages count data rows from 1.
 *
 * When no variant differs significantly from the control overall, a warning says segment results are exploratory
 * and names the segments where a variant is nominally (uncorrected) significant.
 *
 * @throws InputError for an unknown column or control value (listing the values found), a single variant, a
 * conversion cell that is not a 0/1 flag, negative revenue, alpha outside (0, 1), an unknown correction, a
 * covariate without revenue or with an infinite value, a sequentialTuning not above 0 or without sequential, or an
 * expectedSplit that does not give one positive weight to each variant found.
 * @throws LimitError for a segment column with more than MAX_SEGMENT_VALUES values.
 */
export function experimentReport(table: Table, options: ExperimentOptions): ExperimentReport {
  const alpha = options.alpha ?? 0.05;
  if (!(alpha > 0 && alpha < 1)) throw new InputError(`alpha: ${alpha} must be between 0 and 1 (exclusive)`, 'alpha');
  const correction = options.correction ?? 'HOLM';
  if (!CORRECTIONS.includes(correction)) {
    throw new InputError(`correction: "${correction}"; expected ${CORRECTIONS.join(', ')}`, 'correction');
  }
  const sequentialTuning = sequentialOption(options);
  const warnings: string[] = [];
  if (options.covariateColumn && !options.revenueColumn) {
    throw new InputError('covariateColumn: CUPED adjusts revenue, so it needs a revenueColumn', 'covariateColumn');
  }
  if (sequentialTuning !== null) warnings.push(sequentialWarning(sequentialTuning, alpha));
  if (sequentialTuning !== null && options.pairwise) {
    warnings.push(
      'pairwise: comparisons between non-control variants stay fixed-horizon; only those against the control are sequential',
    );
  }

  const variantColumn = getColumn(table, options.variantColumn, 'variantColumn');
  const variants = byFirstAppearance(variantColumn);
  if (variants.missing > 0) {
    warnings.push(
      `variantColumn: ${variants.missing} row(s) with no variant ` +
        `were left out (first: row ${variants.firstMissingRow})`,
    );
  }
  const names = variants.levels;
  const control = names.indexOf(options.control);
  if (control < 0) {
    throw new InputError(
      `control: "${options.control}" is not a value of column ` +
        `"${variantColumn.name}"; the values are ${quoteList(names)}`,
      'control',
    );
  }
  if (names.length < 2) {
    throw new InputError(
      `variantColumn: column "${variantColumn.name}" holds the single ` +
        `variant "${names[0]}"; an experiment needs at least two`,
      'variantColumn',
    );
  }
  const k = names.length;

  const conversion = conversionValues(getColumn(table, options.conversionColumn, 'conversionColumn'));
  if (conversion.missing > 0) {
    warnings.push(
      `conversionColumn: ${conversion.missing} blank cell(s) counted ` +
        `as not converted (first: row ${conversion.firstMissingRow})`,
    );
  }
  const revenue = options.revenueColumn
    ? revenueValues(getColumn(table, options.revenueColumn, 'revenueColumn'), conversion.values, warnings)
    : null;
  const covariate = options.covariateColumn
    ? covariateValues(getColumn(table, options.covariateColumn, 'covariateColumn'), warnings)
    : null;
  const expectedSplit = resolveSplit(options.expectedSplit, names, variantColumn.name);
  const segmentation = segmentationColumn(options, table.rowCount, warnings);

  const segmentColumns = (options.segmentColumns ?? []).map((name) => {
    const column = getColumn(table, name, 'segmentColumns');
    const encoded = byFirstAppearance(column);
    if (encoded.levels.length > MAX_SEGMENT_VALUES) {
      throw new LimitError(
        `segmentColumns: column "${name}" has ${encoded.levels.length} ` +
          `values; at most ${MAX_SEGMENT_VALUES} can be reported`,
        'segmentColumns',
      );
    }
    if (encoded.missing > 0) {
      warnings.push(
        `segmentColumns: ${encoded.missing} row(s) with no "${name}" value are left out of its segments ` +
          `(first: row ${encoded.firstMissingRow})`,
      );
    }
    return { name, ...encoded, tallies: new Tallies(encoded.levels.length * k, revenue !== null, covariate !== null) };
  });
  const segmented = segmentation && {
    ...segmentation,
    tallies: new Tallies(segmentation.levels.length * k, revenue !== null, covariate !== null),
  };

  const overall = new Tallies(k, revenue !== null, covariate !== null);
  const codes = variants.codes;
  const converted = conversion.values;
  for (let row = 0; row < codes.length; row++) {
    const v = codes[row];
    if (v < 0) continue;
    const amount = revenue ? revenue[row] : 0;
    const x = covariate ? covariate[row] : 0;
    overall.add(v, converted[row], amount, x);
    for (const segment of segmentColumns) {
      const s = segment.codes[row];
      if (s >= 0) segment.tallies.add(s * k + v, converted[row], amount, x);
    }
    if (segmented && segmented.codes[row] >= 0) {
      segmented.tallies.add(segmented.codes[row] * k + v, converted[row], amount, x);
    }
  }

  return experimentFromAggregates({
    names,
    control,
    alpha,
    correction,
    pairwise: options.pairwise ?? false,
    expectedSplit,
    sequentialTuning,
    overall: overall.groups(names, 0),
    segments: segmentColumns.flatMap((segment) =>
      segment.levels.map((value, level) => ({
        column: segment.name,
        value,
        groups: segment.tallies.groups(names, level * k),
      })),
    ),
    segmentation: segmented && {
      column: segmented.name,
      readouts: segmented.levels.map((value, level) => ({
        value,
        groups: segmented.tallies.groups(names, level * k),
      })),
    },
    warnings,
  });
}

/** Users, conversions and revenue summaries for consecutive blocks of k variant slots. */
class Tallies {
  private readonly users: Float64Array;
  private readonly conversions: Float64Array;
  private readonly revenue: GroupedSummaries | null;
  private readonly covariate: GroupedCovariances | null;

  constructor(size: number, withRevenue: boolean, withCovariate: boolean) {
    this.users = new Float64Array(size);
    this.conversions = new Float64Array(size);
    this.revenue = withRevenue ? new GroupedSummaries(size) : null;
    this.covariate = withCovariate ? new GroupedCovariances(size) : null;
  }

  add(slot: number, converted: number, amount: number, covariate: number): void {
    this.users[slot]++;
    this.conversions[slot] += converted;
    if (this.revenue) this.revenue.add(slot, amount);
    if (this.covariate) this.covariate.add(slot, covariate, amount);
  }

  groups(names: readonly string[], offset: number): VariantGroup[] {
    return names.map((name, v) => ({
      name,
      users: this.users[offset + v],
      conversions: this.conversions[offset + v],
      revenue: this.revenue ? this.revenue.summary(offset + v) : null,
      covariate: this.covariate ? this.covariate.summary(offset + v) : null,
    }));
  }
}

/**
 * Codes numbered by first appearance in the rows (so a CATEGORY column's unused levels drop out), -1 for blanks.
 */
function byFirstAppearance(column: Column): {
  codes: Int32Array;
  levels: string[];
  missing: number;
  firstMissingRow: number;
} {
  const encoded = encodeColumn(column);
  const renumber = new Int32Array(encoded.levels.length).fill(-1);
  const levels: string[] = [];
  const codes = new Int32Array(encoded.codes.length);
  let missing = 0;
  let firstMissingRow = 0;
  for (let row = 0; row < codes.length; row++) {
    const code = encoded.codes[row];
    if (code < 0) {
      if (missing++ === 0) firstMissingRow = row + 1;
      codes[row] = -1;
      continue;
    }
    if (renumber[code] < 0) {
      renumber[code] = levels.length;
      levels.push(encoded.levels[code]);
    }
    codes[row] = renumber[code];
  }
  return { codes, levels, missing, firstMissingRow };
}

/** The sequential test's tuning, or null for a fixed-horizon readout; checked. */
export function sequentialOption(options: ExperimentOptions): number | null {
  if (options.sequentialTuning !== undefined && options.sequentialTuning !== null && !options.sequential) {
    throw new InputError('sequentialTuning: only applies with sequential: true', 'sequentialTuning');
  }
  if (!options.sequential) return null;
  const tuning = options.sequentialTuning ?? DEFAULT_SEQUENTIAL_TUNING;
  if (!(Number.isFinite(tuning) && tuning > 0)) {
    throw new InputError(`sequentialTuning: ${tuning} must be a number of users above 0`, 'sequentialTuning');
  }
  return tuning;
}

export function sequentialWarning(tuning: number, alpha: number): string {
  return (
    `sequential: p-values and intervals are always valid (gbstats' sequential test, tuning ${tuning}): the chance ` +
    `of a false positive stays under ${alpha} however often you look and stop. Use it when you check results while ` +
    'the test runs; for a single readout at a planned sample size leave it off: its intervals are wider'
  );
}

/** The per-row segment names of a stored segmentation, encoded; null without one. */
function segmentationColumn(
  options: ExperimentOptions,
  rowCount: number,
  warnings: string[],
): { name: string; codes: Int32Array; levels: string[] } | null {
  const names = options.segments;
  if (!names) return null;
  if (names.length !== rowCount) {
    throw new InputError(`segments: ${names.length} segment names for ${rowCount} rows`, 'segments');
  }
  const index = new Map<string, number>();
  const levels: string[] = [];
  let missing = 0;
  const codes = Int32Array.from(names, (name) => {
    if (name === null) {
      missing++;
      return -1;
    }
    let code = index.get(name);
    if (code === undefined) {
      code = levels.length;
      index.set(name, code);
      levels.push(name);
    }
    return code;
  });
  const column = options.segmentsColumn ?? 'segment';
  if (missing > 0) {
    warnings.push(`${column}: ${missing} row(s) not in any segment of the segmentation are left out of its readouts`);
  }
  return { name: column, codes, levels };
}

/** The covariate per row with blanks as 0 (no spend last year); refuses infinite values. */
function covariateValues(column: Column, warnings: string[]): Float64Array {
  expectType(column, ['NUMBER', 'CATEGORY'], 'covariateColumn');
  const raw = numericValues(column, 'covariateColumn');
  const values = new Float64Array(raw.length);
  let blanks = 0;
  let firstBlank = 0;
  for (let row = 0; row < raw.length; row++) {
    const x = raw[row];
    if (x !== x) {
      if (blanks++ === 0) firstBlank = row + 1;
      continue;
    }
    if (!Number.isFinite(x)) {
      throw new InputError(
        `covariateColumn: column "${column.name}" row ${row + 1} holds ${x}; expected a finite number`,
        'covariateColumn',
      );
    }
    values[row] = x;
  }
  if (blanks > 0) {
    warnings.push(`covariateColumn: ${blanks} blank cell(s) count as 0 (first: row ${firstBlank})`);
  }
  return values;
}

/** Revenue per row with blanks as 0; refuses negative or infinite amounts. */
function revenueValues(column: Column, converted: Uint8Array, warnings: string[]): Float64Array {
  expectType(column, ['NUMBER', 'CATEGORY'], 'revenueColumn');
  const raw = numericValues(column, 'revenueColumn');
  const values = new Float64Array(raw.length);
  let blankConverters = 0;
  let firstBlankConverter = 0;
  for (let row = 0; row < raw.length; row++) {
    const x = raw[row];
    if (x !== x) {
      if (converted[row] === 1 && blankConverters++ === 0) firstBlankConverter = row + 1;
      continue;
    }
    if (!(x >= 0 && x < Infinity)) {
      throw new InputError(
        `revenueColumn: column "${column.name}" row ${row + 1} ` +
          `holds ${x}; revenue must be a finite amount of 0 or more`,
        'revenueColumn',
      );
    }
    values[row] = x;
  }
  if (blankConverters > 0) {
    warnings.push(
      `revenueColumn: ${blankConverters} converting row(s) have no ` +
        `revenue and count as 0 (first: row ${firstBlankConverter})`,
    );
  }
  return values;
}

/** One positive weight per variant, in the variants' order; null for an equal split. */
export function resolveSplit(
  split: ExperimentOptions['expectedSplit'],
  names: readonly string[],
  column: string,
): number[] | null {
  if (!split) return null;
  let weights: number[];
  if (isWeightList(split)) {
    if (split.length !== names.length) {
      throw new InputError(
        `expectedSplit: ${split.length} weights for the ${names.length} variants with users in column "${column}" ` +
          `(${quoteList(names)}, in order of appearance); every listed variant needs users`,
        'expectedSplit',
      );
    }
    weights = [...split];
  } else {
    const map = split;
    const unknown = Object.keys(map).find((name) => !names.includes(name));
    if (unknown !== undefined) {
      throw new InputError(
        `expectedSplit: variant "${unknown}" has no users in column "${column}"; the variants are ${quoteList(names)}`,
        'expectedSplit',
      );
    }
    const unweighted = names.find((name) => !(name in map));
    if (unweighted !== undefined) {
      throw new InputError(`expectedSplit: no weight for variant "${unweighted}"`, 'expectedSplit');
    }
    weights = names.map((name) => map[name]);
  }
  weights.forEach((w, i) => {
    if (!(w > 0 && Number.isFinite(w))) {
      throw new InputError(
        `expectedSplit: weight ${w} for variant "${names[i]}" must be a positive number`,
        'expectedSplit',
      );
    }
  });
  return weights;
}

function isWeightList(split: NonNullable<ExperimentOptions['expectedSplit']>): split is readonly number[] {
  return Array.isArray(split);
}

export function quoteList(values: readonly string[]): string {
  const shown = values.slice(0, 20).map((v) => `"${v}"`);
  return values.length > 20 ? `${shown.join(', ')} and ${values.length - 20} more` : shown.join(', ');
}

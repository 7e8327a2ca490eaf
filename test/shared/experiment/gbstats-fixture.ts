import fixture from '../../fixtures/experiment/gbstats.json';
import type { CupedResult, ExperimentAnalysis } from '../../../shared/experiment/types';
import type { Table } from '../../../shared/table/types';
import { category, numbers, table } from '../../helpers/columns';
import { expectClose } from './close-to';
import type { ExpectedAnalysis } from './expect-analysis';

/** scripts/fixtures/experiment_gbstats.py's output: gbstats' formulas written again with NumPy/SciPy. */
export const gbstats = fixture as unknown as {
  sequential: {
    difference: number;
    standardError: number;
    n: number;
    alpha: number;
    tuning: number;
    rho: number;
    pValue: number;
    ciLow: number;
    ciHigh: number;
  }[];
  table: { group: string[]; converted: number[]; revenue: number[]; last_year: number[]; segment: string[] };
  reports: { name: string; options: Record<string, unknown>; expected: ExpectedAnalysis }[];
  segments: {
    options: Record<string, unknown>;
    expected: { column: string; value: string; report: ExpectedAnalysis }[];
  };
};

/** The fixture's users: group, converted, revenue, last year's spend and segment per row. */
export function gbstatsTable(): Table {
  const t = gbstats.table;
  return table(
    category('group', t.group),
    numbers('converted', t.converted),
    numbers('revenue', t.revenue),
    numbers('last_year', t.last_year),
    category('segment', t.segment),
  );
}

/** Every CUPED figure of every variant against the fixture at 1e-9 relative. */
export function expectCuped(actual: ExperimentAnalysis, expected: ExpectedAnalysis, label: string): void {
  actual.variants.forEach((v, i) => {
    const e = (expected.variants[i] as unknown as { cuped: CupedResult | null }).cuped;
    if (e === null) {
      expect(v.cuped).toBeNull();
      return;
    }
    expect(v.cuped).not.toBeNull();
    for (const field of Object.keys(e) as (keyof CupedResult)[]) {
      expectClose(v.cuped![field], e[field], 1e-9, `${label}, ${v.name}: cuped.${field}`, 1e-300);
    }
  });
}

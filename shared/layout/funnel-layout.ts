/**
 * The result layout of a funnel (GraphQL `FunnelReport`): a steps table (users, conversion from the previous step
 * and from the start, drop-off, median time between steps) with a column chart of users per step, and, with a
 * breakdown, users per step for each value with a chart of each value's conversion from start to the last step; when
 * the report has time to convert, its percentiles per step in hours with a chart of the median and 90th percentile.
 */
import type { Cell } from '../table/types';
import { numberCell } from './cells';
import type { LayoutChart, LayoutColumn, LayoutTable, ResultLayout } from './types';

/** `FunnelStep`, the fields a layout shows. */
export interface FunnelStepResult {
  name: string;
  users: number;
  conversionFromPrevious: number;
  conversionFromStart: number;
  dropOff: number;
  dropOffRate?: number | null;
  medianSecondsFromPrevious?: number | null;
  usersWithEvent?: number | null;
  /** Seconds from the previous step; absent from documents that do not ask for it (then no time table). */
  timeToConvert?: { mean: number; p25: number; median: number; p75: number; p90: number } | null;
}

/** `FunnelReport`, the fields a layout shows. */
export interface FunnelResultShape {
  users: number;
  unmatchedUsers: number;
  order?: 'ORDERED' | 'ANY' | null;
  steps: readonly FunnelStepResult[];
  breakdown: readonly { value: string; users: number; steps: readonly FunnelStepResult[] }[];
  warnings: readonly string[];
}

export const FUNNEL_SHEET = 'Quadrant funnel';

/**
 * Lays out a funnel report (no row columns: its rows are events).
 * @example funnelLayout(report).sheet.tables[0].rows[1] → ['Signup', 420, 0.42, 0.42, 580, 0.58, 3600, 431]
 */
export function funnelLayout(report: FunnelResultShape): ResultLayout {
  const steps: LayoutTable = {
    name: 'FunnelSteps',
    title: 'Users at each step',
    columns: [
      { header: 'Step', format: 'text' },
      { header: 'Users', format: 'integer' },
      { header: 'Conversion from previous', format: 'percent' },
      { header: 'Conversion from start', format: 'percent' },
      { header: 'Drop-off', format: 'integer' },
      { header: 'Drop-off rate', format: 'percent' },
      { header: 'Median seconds from previous', format: 'number' },
      { header: 'Users with the event', format: 'integer' },
    ],
    rows: report.steps.map((s): Cell[] => [
      s.name,
      s.users,
      s.conversionFromPrevious,
      s.conversionFromStart,
      s.dropOff,
      numberCell(s.dropOffRate),
      numberCell(s.medianSecondsFromPrevious),
      numberCell(s.usersWithEvent),
    ]),
  };
  const tables = [steps];
  const charts: LayoutChart[] = [
    {
      type: 'ColumnClustered',
      title: 'Users per step',
      table: steps.name,
      categoryColumn: 0,
      valueColumns: [1],
      yAxisTitle: 'Users',
    },
  ];

  const timed = report.steps.filter((s) => s.timeToConvert);
  if (timed.length > 0) {
    const hours = (seconds: number) => seconds / 3600;
    const times: LayoutTable = {
      name: 'FunnelTimeToConvert',
      title: 'Time to convert from the previous step (hours)',
      columns: [
        { header: 'Step', format: 'text' },
        { header: 'Users', format: 'integer' },
        { header: 'Mean', format: 'number' },
        { header: '25th percentile', format: 'number' },
        { header: 'Median', format: 'number' },
        { header: '75th percentile', format: 'number' },
        { header: '90th percentile', format: 'number' },
      ],
      rows: timed.map((s): Cell[] => {
        const t = s.timeToConvert!;
        return [s.name, s.users, hours(t.mean), hours(t.p25), hours(t.median), hours(t.p75), hours(t.p90)];
      }),
    };
    tables.push(times);
    charts.push({
      type: 'ColumnClustered',
      title: 'Hours from the previous step: median and 90th percentile',
      table: times.name,
      categoryColumn: 0,
      valueColumns: [4, 6],
      yAxisTitle: 'Hours',
    });
  }

  if (report.breakdown.length > 0) {
    const names = report.steps.map((s) => s.name);
    const last = names[names.length - 1] ?? 'last step';
    const breakdown: LayoutTable = {
      name: 'FunnelBreakdown',
      title: 'Users at each step by breakdown value',
      columns: [
        { header: 'Value', format: 'text' },
        ...names.map((name): LayoutColumn => ({ header: name, format: 'integer' })),
        { header: `Conversion to ${last}`, format: 'percent' },
      ],
      rows: report.breakdown.map((b): Cell[] => [
        b.value,
        ...names.map((_, i) => b.steps[i]?.users ?? null),
        numberCell(b.steps[b.steps.length - 1]?.conversionFromStart),
      ]),
    };
    tables.push(breakdown);
    charts.push({
      type: 'BarClustered',
      title: `Conversion to ${last} by value`,
      table: breakdown.name,
      categoryColumn: 0,
      valueColumns: [names.length + 1],
      yAxisTitle: 'Conversion from start',
    });
  }

  const unmatched = report.unmatchedUsers > 0 ? [`${report.unmatchedUsers} users have no breakdown value.`] : [];
  const order = report.order === 'ANY' ? 'steps in any order' : report.order === 'ORDERED' ? 'steps in order' : '';
  return {
    rowColumns: null,
    sheet: {
      name: FUNNEL_SHEET,
      title: `Funnel: ${report.users} users reached the first step${order ? ` (${order})` : ''}`,
      notes: [...unmatched, ...report.warnings],
      tables,
      charts,
    },
  };
}

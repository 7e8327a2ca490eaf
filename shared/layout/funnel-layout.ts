/**
 * The result layout of a funnel (GraphQL `FunnelReport`): a steps table (users, conversion from the previous step
 * and from the start, drop-off, median time between steps) with a column chart of users per step, and, with a
 * breakdown, users per step for each value with a chart of each value's conversion from start to the last step.
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

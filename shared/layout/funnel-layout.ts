/**
 * The results layout of a funnel report (GUIDE §2 `FunnelReport`): the steps with users, conversion and drop-off, a
 * column chart of users per step, and the breakdown (users reaching each step per value) when there is one.
 */
import type { Cell } from '../table/types';
import type { LayoutTable, ResultLayout } from './types';

export interface FunnelForLayout {
  users: number;
  unmatchedUsers?: number;
  warnings: string[];
  steps: {
    name: string;
    users: number;
    conversionFromPrevious: number;
    conversionFromStart: number;
    dropOff: number;
    medianSecondsFromPrevious?: number | null;
  }[];
  breakdown: { value: string; users: number; steps: { name: string; users: number; conversionFromStart: number }[] }[];
}

/**
 * @example funnelLayout(report, { source: 'Events!A1:D5000' }).sheet.charts[0].title // 'Users per step'
 */
export function funnelLayout(report: FunnelForLayout, options: { source: string }): ResultLayout {
  const tables: LayoutTable[] = [
    {
      name: 'FunnelSteps',
      title: `Funnel: ${report.users.toLocaleString('en-US')} users entered`,
      columns: [
        { header: 'Step', format: 'text' },
        { header: 'Users', format: 'integer' },
        { header: 'Conversion from previous', format: 'percent' },
        { header: 'Conversion from start', format: 'percent' },
        { header: 'Drop-off', format: 'integer' },
        { header: 'Median time from previous (s)', format: 'number' },
      ],
      rows: report.steps.map((s): Cell[] => [
        s.name,
        s.users,
        s.conversionFromPrevious,
        s.conversionFromStart,
        s.dropOff,
        s.medianSecondsFromPrevious ?? null,
      ]),
    },
  ];
  if (report.breakdown.length > 0) {
    const steps = report.steps.map((s) => s.name);
    tables.push({
      name: 'FunnelBreakdown',
      title: 'Conversion from start by breakdown value',
      columns: [
        { header: 'Value', format: 'text' },
        { header: 'Users', format: 'integer' },
        ...steps.map((name) => ({ header: name, format: 'percent' as const })),
      ],
      rows: report.breakdown.map((b): Cell[] => [
        b.value,
        b.users,
        ...steps.map((name) => b.steps.find((s) => s.name === name)?.conversionFromStart ?? null),
      ]),
    });
  }
  return {
    rowColumns: null,
    sheet: {
      name: 'Quadrant funnel',
      title: `Funnel of ${options.source}`,
      notes: [
        ...(report.unmatchedUsers ? [`${report.unmatchedUsers} users were not found in the breakdown table.`] : []),
        ...report.warnings,
      ],
      tables,
      charts: [
        {
          type: 'ColumnClustered',
          title: 'Users per step',
          table: 'FunnelSteps',
          categoryColumn: 0,
          valueColumns: [1],
          xAxisTitle: 'Step',
          yAxisTitle: 'Users',
        },
      ],
    },
  };
}

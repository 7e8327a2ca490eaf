import { channelReport } from '../../shared/channel/channel-report';
import type { ChannelOptions } from '../../shared/channel/types';
import { cohorts } from '../../shared/cohort/cohorts';
import type { CohortOptions } from '../../shared/cohort/types';
import { periodComparison } from '../../shared/compare/period-comparison';
import type { PeriodComparisonOptions } from '../../shared/compare/types';
import { correlations } from '../../shared/correlation/correlations';
import type { CorrelationOptions } from '../../shared/correlation/types';
import { experimentReport } from '../../shared/experiment/experiment-report';
import type { ExperimentOptions } from '../../shared/experiment/types';
import { funnelReport } from '../../shared/funnel/funnel';
import type { FunnelAttributes, FunnelOptions } from '../../shared/funnel/types';
import type { Table } from '../../shared/table/types';

/**
 * The reports the worker pool runs besides segmentations, named as their GraphQL queries: each takes the tables
 * it reads and plain options (no class instances' methods, no functions) and returns the core's plain report, so
 * the pool and the event loop compute exactly the same thing. Their size is counted in cells (see `inputCells`).
 */
export const reportAnalyses = {
  funnel: (args: { events: Table; options: FunnelOptions; attributes?: FunnelAttributes }) =>
    funnelReport(args.events, args.options, args.attributes),
  channels: (args: { users: Table; options: ChannelOptions; costs?: Table }) =>
    channelReport(args.users, args.options, args.costs),
  experiment: (args: { table: Table; options: ExperimentOptions }) => experimentReport(args.table, args.options),
  periodComparison: (args: { table: Table; options: PeriodComparisonOptions }) =>
    periodComparison(args.table, args.options),
  correlations: (args: { table: Table; options: CorrelationOptions }) => correlations(args.table, args.options),
  cohorts: (args: { table: Table; options: CohortOptions }) => cohorts(args.table, args.options),
};

export type ReportName = keyof typeof reportAnalyses;

/**
 * The size of a report's input: rows × columns of every table among its arguments (the events and an attributes
 * table, the users and a costs table). The reports are single passes over the cells they read, so cells predict
 * their time better than rows do.
 */
export function inputCells(args: object): number {
  let cells = 0;
  for (const value of Object.values(args)) {
    if (isTable(value)) cells += value.rowCount * value.columns.length;
    else if (value !== null && typeof value === 'object' && 'table' in value && isTable(value.table)) {
      cells += value.table.rowCount * value.table.columns.length;
    }
  }
  return cells;
}

function isTable(value: unknown): value is Table {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as Table).rowCount === 'number' &&
    Array.isArray((value as Table).columns)
  );
}

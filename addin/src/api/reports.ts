/**
 * The report queries of the other panes (GUIDE §2, §2b): funnel, channels, experiment, period comparison,
 * correlations and cohorts on inline rows, and assignSegments of inline rows into a stored run, each asking for the
 * fields its results layout (shared/layout) shows; and the list of stored runs to assign rows to.
 */
import type { SegmentAssignmentShape } from '../../../shared/layout/assignment-layout';
import type { ChannelResultShape } from '../../../shared/layout/channel-layout';
import type { CohortReportShape } from '../../../shared/layout/cohort-layout';
import type { CorrelationReportShape } from '../../../shared/layout/correlation-layout';
import type { ExperimentResultShape } from '../../../shared/layout/experiment-layout';
import type { FunnelResultShape } from '../../../shared/layout/funnel-layout';
import type { PeriodComparisonShape } from '../../../shared/layout/period-comparison-layout';
import type { TableInput } from '../contract';
import type { GraphQLClient } from './graphql-client';

export interface FunnelRequest {
  table: TableInput;
  userColumn: string;
  stepColumn: string;
  steps: string[];
  timeColumn?: string;
  order?: 'ORDERED' | 'ANY';
  breakdownColumn?: string;
  attributes?: { table: TableInput; userColumn: string; column: string };
}

export interface ChannelRequest {
  table: TableInput;
  channelColumn: string;
  convertedColumn?: string;
  valueColumn?: string;
  segmentColumn?: string;
  margin?: number;
  lifetimeMonths?: number;
  costs?: { table: TableInput; channelColumn: string; spendColumn: string; clicksColumn?: string };
}

export interface ExperimentRequest {
  table: TableInput;
  variantColumn: string;
  control: string;
  conversionColumn: string;
  revenueColumn?: string;
}

export interface PeriodComparisonRequest {
  table: TableInput;
  periodColumn: string;
  base: string;
  compare: string;
  dimensions: string[];
  valueColumn: string;
  customersColumn?: string;
}

export interface CorrelationRequest {
  table: TableInput;
  columns: string[];
  categorical?: string[];
  method?: 'PEARSON' | 'SPEARMAN';
  target?: string;
}

export interface CohortRequest {
  table: TableInput;
  customerColumn: string;
  dateColumn: string;
  amountColumn?: string;
  period?: 'MONTH' | 'WEEK';
  periods?: number;
}

export interface AssignRequest {
  segmentationId: string;
  table: TableInput;
  keyColumn?: string;
}

/** A stored segmentation, as the Assign pane lists it. */
export interface StoredRun {
  id: string;
  name: string | null;
  kind: 'SEGMENT' | 'RFM';
  status: string;
  method: string | null;
  k: number | null;
  rowCount: number | null;
  featureNames: string[] | null;
  createdAt: string | null;
}

const STEP = `name users conversionFromPrevious conversionFromStart dropOff dropOffRate medianSecondsFromPrevious
  usersWithEvent timeToConvert { mean p25 median p75 p90 }`;
const VARIANT = `name isControl users conversions conversionRate absoluteLift relativeLift ciLow ciHigh zScore pValue
      adjustedPValue significant probabilityToBeatControl revenuePerUser revenueDiff revenuePValue`;
const MEASURES =
  'baseTotal compareTotal change growth baseCustomers compareCustomers baseAverageTicket compareAverageTicket';

export const FUNNEL_QUERY = `query Funnel($input: FunnelInput!) {
  funnel(input: $input) {
    users unmatchedUsers order warnings
    steps { ${STEP} }
    breakdown { value users steps { ${STEP} } }
  }
}`;
export const CHANNELS_QUERY = `query Channels($input: ChannelInput!) {
  channels(input: $input) {
    warnings
    channels {
      channel users conversions conversionRate spend clicks cpc costPerUser cpa avgValue totalValue roi roas ltvToCac
      contribution breakEvenCpa paybackMonths marginLtvToCac health recommendation reason
    }
    bySegment { segment channel users conversions conversionRate shareOfSegment avgValue totalValue }
  }
}`;
export const EXPERIMENT_QUERY = `query Experiment($input: ExperimentInput!) {
  experiment(input: $input) {
    control alpha correction warnings
    chiSquare { statistic pValue dof }
    srm { statistic pValue dof }
    variants { ${VARIANT} }
    pairwise { a b absoluteLift pValue adjustedPValue significant }
    segments { column value variants { ${VARIANT} } }
  }
}`;
export const COMPARISON_QUERY = `query PeriodComparison($input: PeriodComparisonInput!) {
  periodComparison(input: $input) {
    base compare counts warnings
    totals { ${MEASURES} }
    rows { dimension value baseShare compareShare shareChange onlyIn ${MEASURES} }
  }
}`;

export const CORRELATIONS_QUERY = `query Correlations($input: CorrelationInput!) {
  correlations(input: $input) { method columns matrix pValues rows warnings target { column r pValue rows } }
}`;
export const COHORTS_QUERY = `query Cohorts($input: CohortInput!) {
  cohorts(input: $input) { period warnings cohorts { start customers active retention revenue } }
}`;
export const ASSIGN_MUTATION = `mutation AssignSegments($input: AssignSegmentsInput!) {
  assignSegments(input: $input) { rows labels names distances warnings }
}`;
export const STORED_RUNS_QUERY = `query StoredRuns {
  segmentations { id name kind status method k rowCount featureNames createdAt }
}`;

/** The report queries of one client. */
export function reportsApi(client: GraphQLClient) {
  const ask = async <T>(query: string, field: string, input: unknown, signal?: AbortSignal): Promise<T> =>
    (await client.request<Record<string, T>>(query, { input }, signal))[field];
  return {
    funnel: (input: FunnelRequest, signal?: AbortSignal) =>
      ask<FunnelResultShape>(FUNNEL_QUERY, 'funnel', input, signal),
    channels: (input: ChannelRequest, signal?: AbortSignal) =>
      ask<ChannelResultShape>(CHANNELS_QUERY, 'channels', input, signal),
    experiment: (input: ExperimentRequest, signal?: AbortSignal) =>
      ask<ExperimentResultShape>(EXPERIMENT_QUERY, 'experiment', input, signal),
    periodComparison: (input: PeriodComparisonRequest, signal?: AbortSignal) =>
      ask<PeriodComparisonShape>(COMPARISON_QUERY, 'periodComparison', input, signal),
    correlations: (input: CorrelationRequest, signal?: AbortSignal) =>
      ask<CorrelationReportShape>(CORRELATIONS_QUERY, 'correlations', input, signal),
    cohorts: (input: CohortRequest, signal?: AbortSignal) =>
      ask<CohortReportShape>(COHORTS_QUERY, 'cohorts', input, signal),
    assignSegments: (input: AssignRequest, signal?: AbortSignal) =>
      ask<SegmentAssignmentShape>(ASSIGN_MUTATION, 'assignSegments', input, signal),
    /** The workspace's finished segment runs (not RFM: those have no centroids), newest first. */
    async storedRuns(signal?: AbortSignal): Promise<StoredRun[]> {
      const data = await client.request<{ segmentations: StoredRun[] }>(STORED_RUNS_QUERY, {}, signal);
      return data.segmentations.filter((run) => run.kind === 'SEGMENT' && run.status === 'DONE');
    },
  };
}

export type ReportsApi = ReturnType<typeof reportsApi>;

/**
 * The report queries of the other panes (GUIDE §2): funnel, channels, experiment and period comparison on inline
 * rows, each asking for the fields its results layout (shared/layout) shows.
 */
import type { ChannelsForLayout } from '../../../shared/layout/channel-layout';
import type { ExperimentForLayout } from '../../../shared/layout/experiment-layout';
import type { FunnelForLayout } from '../../../shared/layout/funnel-layout';
import type { PeriodComparisonForLayout } from '../../../shared/layout/period-comparison-layout';
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

export const FUNNEL_QUERY = `query Funnel($input: FunnelInput!) {
  funnel(input: $input) {
    users unmatchedUsers warnings
    steps { name users conversionFromPrevious conversionFromStart dropOff medianSecondsFromPrevious }
    breakdown { value users steps { name users conversionFromStart } }
  }
}`;
export const CHANNELS_QUERY = `query Channels($input: ChannelInput!) {
  channels(input: $input) {
    warnings
    channels {
      channel users conversions conversionRate spend cpc cpa avgValue totalValue roi roas ltvToCac
      recommendation reason
    }
    bySegment { segment channel users conversionRate }
  }
}`;
export const EXPERIMENT_QUERY = `query Experiment($input: ExperimentInput!) {
  experiment(input: $input) {
    warnings alpha correction
    chiSquare { statistic pValue dof }
    srm { statistic pValue dof }
    variants {
      name isControl users conversions conversionRate absoluteLift relativeLift ciLow ciHigh pValue adjustedPValue
      significant probabilityToBeatControl revenuePerUser revenueDiff revenuePValue
    }
  }
}`;
export const COMPARISON_QUERY = `query PeriodComparison($input: PeriodComparisonInput!) {
  periodComparison(input: $input) {
    base compare warnings
    totals { baseTotal compareTotal change growth }
    rows { dimension value baseTotal compareTotal change growth baseShare compareShare shareChange onlyIn }
  }
}`;

/** The four report queries of one client. */
export function reportsApi(client: GraphQLClient) {
  const ask = async <T>(query: string, field: string, input: unknown, signal?: AbortSignal): Promise<T> =>
    (await client.request<Record<string, T>>(query, { input }, signal))[field];
  return {
    funnel: (input: FunnelRequest, signal?: AbortSignal) => ask<FunnelForLayout>(FUNNEL_QUERY, 'funnel', input, signal),
    channels: (input: ChannelRequest, signal?: AbortSignal) =>
      ask<ChannelsForLayout>(CHANNELS_QUERY, 'channels', input, signal),
    experiment: (input: ExperimentRequest, signal?: AbortSignal) =>
      ask<ExperimentForLayout>(EXPERIMENT_QUERY, 'experiment', input, signal),
    periodComparison: (input: PeriodComparisonRequest, signal?: AbortSignal) =>
      ask<PeriodComparisonForLayout>(COMPARISON_QUERY, 'periodComparison', input, signal),
  };
}

export type ReportsApi = ReturnType<typeof reportsApi>;

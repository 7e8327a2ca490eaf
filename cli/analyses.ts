/**
 * The analyses of the command line: the GraphQL input type its flags come from, the operation it runs (in
 * process, see LocalQuadrant), and the result layout it writes. The selections ask for exactly what the layouts show.
 */
import { channelLayout, type ChannelResultShape } from '../shared/layout/channel-layout';
import { cohortLayout, type CohortReportShape } from '../shared/layout/cohort-layout';
import { correlationLayout, type CorrelationReportShape } from '../shared/layout/correlation-layout';
import { experimentLayout, type ExperimentResultShape } from '../shared/layout/experiment-layout';
import { funnelLayout, type FunnelResultShape } from '../shared/layout/funnel-layout';
import { periodComparisonLayout, type PeriodComparisonShape } from '../shared/layout/period-comparison-layout';
import { rfmLayout, type RfmMemberResult, type RfmResultShape } from '../shared/layout/rfm-layout';
import { segmentationLayout, type SegmentationResultShape } from '../shared/layout/segmentation-layout';
import type { ResultLayout } from '../shared/layout/types';
import { getColumn, stringValues } from '../shared/table/access';
import { tableFromCells } from '../shared/table/from-cells';
import type { LocalQuadrant } from '../server/local/local-quadrant';
import type { SheetTable } from '../server/workbooks/sheet-table';

export interface LayoutContext {
  quadrant: LocalQuadrant;
  /** The analysed rows as read from the file. */
  data: SheetTable;
  /** The GraphQL input the analysis ran with. */
  input: Record<string, unknown>;
}

export interface Analysis {
  command: string;
  summary: string;
  inputType: string;
  /** The operation; its only variable is `$input`. */
  document: string;
  /** The field of the operation's data holding the result. */
  field: string;
  example: string;
  layout(result: unknown, context: LayoutContext): Promise<ResultLayout>;
}

const STEP = `name users conversionFromPrevious conversionFromStart dropOff dropOffRate medianSecondsFromPrevious usersWithEvent
  timeToConvert { mean p25 median p75 p90 }`;
const VARIANT = `name isControl users conversions conversionRate absoluteLift relativeLift ciLow ciHigh zScore pValue
  adjustedPValue significant probabilityToBeatControl revenuePerUser revenueDiff revenuePValue`;
const MEASURES = `baseTotal compareTotal change growth baseCustomers compareCustomers baseAverageTicket compareAverageTicket`;
const MEMBERS_PAGE = 1000;
const MEMBERS = `query RfmMembers($id: ID!, $after: String) {
  segmentation(id: $id) {
    members(first: ${MEMBERS_PAGE}, after: $after) {
      edges { node { key label segment recency frequency monetary rScore fScore mScore } }
      pageInfo { hasNextPage endCursor }
    }
  }
}`;

export const ANALYSES: readonly Analysis[] = [
  {
    command: 'segment',
    summary: 'Segment rows with k-means or Ward; label every row and profile the segments.',
    inputType: 'SegmentInput',
    field: 'segment',
    document: `mutation Segment($input: SegmentInput!) {
      segment(input: $input) {
        id method k rowCount labels silhouette silhouetteMethod silhouetteSampleSize silhouetteStandardError
        inertia recommendedK recommendationReason elbowK featureNames
        droppedRows outlierRows warnings
        kSelection { k inertia silhouette }
        segments {
          label name size share isOutlier silhouette stability
          features { name mean overallMean difference }
          categories { column level share overallShare }
        }
      }
    }`,
    example:
      'npx quadrant segment customers.xlsx --sheet Customers --features CLV,minutes_watched,region,channel ' +
      '--categorical region,channel --k auto --out labeled.xlsx',
    layout: async (result) => segmentationLayout(result as SegmentationResultShape),
  },
  {
    command: 'rfm',
    summary: 'RFM segments of customers from transaction rows; every row gets its customer’s segment and scores.',
    inputType: 'RfmInput',
    field: 'rfm',
    document: `mutation Rfm($input: RfmInput!) {
      rfm(input: $input) {
        id method k rowCount asOf windowMonths windowStart excludedCustomers silhouette warnings
        segments { label name size share recency frequency monetary rScore fScore mScore }
      }
    }`,
    example:
      'npx quadrant rfm transactions.csv --customer-column customer_id --date-column date --amount-column amount',
    layout: async (result, { quadrant, data, input }) => {
      const run = result as RfmResultShape & { id: string };
      const members = await allMembers(quadrant, run.id);
      const table = tableFromCells(data.header, data.rows);
      const rowCustomers = stringValues(getColumn(table, String(input.customerColumn), 'customerColumn'));
      return rfmLayout(run, { members, rowCustomers });
    },
  },
  {
    command: 'funnel',
    summary: 'Users at each step of a funnel, conversion, drop-off and time between steps.',
    inputType: 'FunnelInput',
    field: 'funnel',
    document: `query Funnel($input: FunnelInput!) {
      funnel(input: $input) {
        users unmatchedUsers order warnings
        steps { ${STEP} }
        breakdown { value users steps { ${STEP} } }
      }
    }`,
    example:
      'npx quadrant funnel events.xlsx --user-column user_id --step-column event --steps visit,signup,purchase ' +
      '--time-column time',
    layout: async (result) => funnelLayout(result as FunnelResultShape),
  },
  {
    command: 'channels',
    summary: 'Channel economics (conversion, CPA, ROI, ROAS, LTV:CAC) and a recommendation per channel.',
    inputType: 'ChannelInput',
    field: 'channels',
    document: `query Channels($input: ChannelInput!) {
      channels(input: $input) {
        warnings
        channels {
          channel users conversions conversionRate spend clicks cpc costPerUser cpa avgValue totalValue roi roas
          ltvToCac contribution breakEvenCpa paybackMonths marginLtvToCac health recommendation reason
        }
        bySegment { segment channel users conversions conversionRate shareOfSegment avgValue totalValue }
      }
    }`,
    example:
      'npx quadrant channels users.xlsx --channel-column channel --converted-column converted --value-column ltv ' +
      '--costs-sheet Costs --costs-channel-column channel --costs-spend-column spend',
    layout: async (result) => channelLayout(result as ChannelResultShape),
  },
  {
    command: 'experiment',
    summary: 'An A/B test: conversion and revenue per variant against the control, with tests.',
    inputType: 'ExperimentInput',
    field: 'experiment',
    document: `query Experiment($input: ExperimentInput!) {
      experiment(input: $input) {
        control alpha correction warnings
        variants { ${VARIANT} }
        chiSquare { statistic pValue dof }
        srm { statistic pValue dof }
        pairwise { a b absoluteLift pValue adjustedPValue significant }
        segments { column value variants { ${VARIANT} } }
      }
    }`,
    example:
      'npx quadrant experiment test.csv --variant-column variant --control A --conversion-column converted ' +
      '--revenue-column revenue',
    layout: async (result) => experimentLayout(result as ExperimentResultShape),
  },
  {
    command: 'compare',
    summary: 'Two periods side by side: totals, growth, customers, average ticket and shares by dimension.',
    inputType: 'PeriodComparisonInput',
    field: 'periodComparison',
    document: `query Compare($input: PeriodComparisonInput!) {
      periodComparison(input: $input) {
        base compare counts warnings
        totals { ${MEASURES} }
        rows { dimension value ${MEASURES} baseShare compareShare shareChange onlyIn }
      }
    }`,
    example:
      'npx quadrant compare sales.xlsx --period-column year --base 2024 --compare 2025 --dimensions region,channel ' +
      '--value-column sales',
    layout: async (result) => periodComparisonLayout(result as PeriodComparisonShape),
  },
  {
    command: 'correlations',
    summary: 'Pearson or Spearman correlations of columns and category indicators, with p-values and a heat map.',
    inputType: 'CorrelationInput',
    field: 'correlations',
    document: `query Correlations($input: CorrelationInput!) {
      correlations(input: $input) {
        method columns matrix pValues rows warnings target { column r pValue rows }
      }
    }`,
    example:
      'npx quadrant correlations customers.xlsx --columns clv,minutes_watched,region --categorical region --target clv',
    layout: async (result, { input }) =>
      correlationLayout(result as CorrelationReportShape, (input.target as string | undefined) ?? undefined),
  },
  {
    command: 'cohorts',
    summary: 'Cohorts by month or week of first transaction: active customers, retention and revenue per period.',
    inputType: 'CohortInput',
    field: 'cohorts',
    document: `query Cohorts($input: CohortInput!) {
      cohorts(input: $input) {
        period warnings cohorts { start customers active retention revenue }
      }
    }`,
    example:
      'npx quadrant cohorts transactions.xlsx --customer-column customer_id --date-column date --amount-column amount',
    layout: async (result) => cohortLayout(result as CohortReportShape),
  },
];

/** Every member of a stored run, page by page. */
async function allMembers(quadrant: LocalQuadrant, id: string): Promise<RfmMemberResult[]> {
  type Page = {
    segmentation: {
      members: { edges: { node: RfmMemberResult }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
    };
  };
  const members: RfmMemberResult[] = [];
  let after: string | null = null;
  for (;;) {
    const page: Page = await quadrant.run<Page>(MEMBERS, { id, after });
    const { edges, pageInfo } = page.segmentation.members;
    for (const edge of edges) members.push(edge.node);
    if (!pageInfo.hasNextPage) return members;
    after = pageInfo.endCursor;
  }
}

/**
 * Segmentation runs over the GraphQL API (GUIDE §2, §2b): `segment` and `rfm` on inline rows, with the fields the
 * results layout shows. Every run is a background run (`SegmentInput.background`): it starts at once and is polled
 * for its progress, and Cancel calls `cancelSegmentation`, so the server stops computing too. (The pane is served by
 * the server it talks to, so no feature detection: introspection is off in production anyway.)
 */
import type { RfmMemberResult, RfmResultShape } from '../../../shared/layout/rfm-layout';
import type { SegmentationResultShape } from '../../../shared/layout/segmentation-layout';
import { CancelledError, type CancelSignal } from '../excel/cancel';
import type { TableInput } from '../contract';
import { GraphQLRequestError, type GraphQLClient } from './graphql-client';

export type SegmentMethod = 'KMEANS' | 'WARD';

/** `SegmentInput` with inline rows; options left undefined take the server's defaults. */
export interface SegmentRequest {
  table: TableInput;
  features: string[];
  categorical?: string[];
  missing?: 'ZERO' | 'MEAN' | 'DROP';
  scaling?: 'STANDARD' | 'MINMAX' | 'NONE';
  method?: SegmentMethod;
  k?: number;
  kMin?: number;
  kMax?: number;
  excludeOutliers?: boolean;
  keyColumn?: string;
  /** Each row's distance to its segment's centre and its silhouette, fetched with the result (rowDistances, …). */
  rowMetrics?: boolean;
}

/** `RfmInput` with inline transaction rows. */
export interface RfmRequest {
  table: TableInput;
  customerColumn: string;
  dateColumn: string;
  amountColumn: string;
  method?: 'SCORES' | 'KMEANS';
  k?: number;
}

export type Segmentation = SegmentationResultShape & {
  id: string;
  /** With rowMetrics: one per input row, null for rows left out. */
  rowDistances?: (number | null)[] | null;
  rowSilhouettes?: (number | null)[] | null;
};
export type RfmRun = RfmResultShape & { id: string };

export const SEGMENTATION_FIELDS = `id method k rowCount silhouette silhouetteMethod silhouetteSampleSize silhouetteStandardError
    inertia recommendedK recommendationReason elbowK
    warnings labels outlierRows
    kSelection { k inertia silhouette }
    segments {
      label name size share isOutlier silhouette
      features { name mean overallMean difference }
      categories { column level share overallShare }
    }`;
export const RFM_FIELDS = `id method k rowCount asOf windowMonths windowStart excludedCustomers silhouette warnings
    segments { label name size share recency frequency monetary rScore fScore mScore }`;

export const START_SEGMENT = `mutation StartSegment($input: SegmentInput!) { segment(input: $input) { id status progress } }`;
export const START_RFM = `mutation StartRfm($input: RfmInput!) { rfm(input: $input) { id status progress } }`;
export const RUN_STATUS = `query RunStatus($id: ID!) { segmentation(id: $id) { id status progress error } }`;
export const RUN_RESULT = `query RunResult($id: ID!) { segmentation(id: $id) { ${SEGMENTATION_FIELDS} } }`;
export const RUN_RESULT_WITH_METRICS = `query RunResultWithMetrics($id: ID!) {
  segmentation(id: $id) { ${SEGMENTATION_FIELDS} rowDistances rowSilhouettes }
}`;
export const RFM_RESULT = `query RfmResult($id: ID!) { segmentation(id: $id) { ${RFM_FIELDS} } }`;
export const CANCEL_RUN = `mutation CancelRun($id: ID!) { cancelSegmentation(id: $id) }`;
export const RFM_MEMBERS = `query RfmMembers($id: ID!, $after: String) {
  segmentation(id: $id) {
    members(first: 1000, after: $after) {
      edges { node { key label segment recency frequency monetary rScore fScore mScore } }
      pageInfo { hasNextPage endCursor }
    }
  }
}`;

export interface RunOptions {
  signal?: AbortSignal;
  /** The run's own progress, 0..1, while the server works (background runs only). */
  onProgress?(fraction: number): void;
  /** Time between status polls. */
  pollMs?: number;
}

type RunStatus = 'RUNNING' | 'DONE' | 'FAILED' | 'CANCELLED';

/** The segmentation API of one client: runs in the background, polled for progress, cancellable. */
export function segmentationApi(client: GraphQLClient) {
  async function run<T>(kind: 'segment' | 'rfm', input: SegmentRequest | RfmRequest, options: RunOptions): Promise<T> {
    const start = kind === 'segment' ? START_SEGMENT : START_RFM;
    const started = await client.request<Record<string, { id: string; status: RunStatus; progress: number | null }>>(
      start,
      { input: { ...input, background: true } },
    );
    const { id } = started[kind];
    let status = started[kind].status;
    options.onProgress?.(started[kind].progress ?? 0);
    while (status === 'RUNNING') {
      if (options.signal?.aborted) {
        await client.request(CANCEL_RUN, { id });
        throw new CancelledError('Cancelled: the server stopped the run.');
      }
      await delay(options.pollMs ?? 400, options.signal);
      const data = await client.request<{
        segmentation: { status: RunStatus; progress: number | null; error: string | null } | null;
      }>(RUN_STATUS, { id });
      if (!data.segmentation) throw new GraphQLRequestError(`The run ${id} disappeared from the server.`, 'NOT_FOUND');
      status = data.segmentation.status;
      options.onProgress?.(data.segmentation.progress ?? 0);
      if (status === 'FAILED')
        throw new GraphQLRequestError(data.segmentation.error ?? 'The run failed on the server.');
      if (status === 'CANCELLED') throw new CancelledError('The run was cancelled on the server.');
    }
    const result =
      kind === 'rfm' ? RFM_RESULT : (input as SegmentRequest).rowMetrics ? RUN_RESULT_WITH_METRICS : RUN_RESULT;
    const done = await client.request<{ segmentation: T }>(result, { id });
    return done.segmentation;
  }

  return {
    segment: (input: SegmentRequest, options: RunOptions = {}) => run<Segmentation>('segment', input, options),
    rfm: (input: RfmRequest, options: RunOptions = {}) => run<RfmRun>('rfm', input, options),
    /** Every member of an RFM run (one per customer), paging through `members` 1,000 at a time. */
    async rfmMembers(id: string, signal?: CancelSignal): Promise<RfmMemberResult[]> {
      const members: RfmMemberResult[] = [];
      let after: string | null = null;
      for (;;) {
        if (signal?.aborted) throw new CancelledError();
        const data: {
          segmentation: {
            members: {
              edges: { node: RfmMemberResult }[];
              pageInfo: { hasNextPage: boolean; endCursor: string | null };
            };
          };
        } = await client.request(RFM_MEMBERS, { id, after });
        const page = data.segmentation.members;
        members.push(...page.edges.map((e) => e.node));
        if (!page.pageInfo.hasNextPage) return members;
        after = page.pageInfo.endCursor;
      }
    },
  };
}

export type SegmentationApi = ReturnType<typeof segmentationApi>;

/** Waits `ms`, waking early when the signal aborts (the poll loop then cancels the run). */
function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done);
  });
}

/**
 * The `segment` mutation (GUIDE §2) with the fields the pane shows: a label per input row and, per segment, its
 * name, size and share.
 */
import type { TableInput } from '../contract';
import type { GraphQLClient } from './graphql-client';

/** `SegmentInput` with inline rows; everything else takes the server's defaults. */
export interface SegmentRequest {
  table: TableInput;
  features: string[];
}

export interface SegmentSummary {
  label: number;
  name: string;
  size: number;
  share: number;
}

/** The part of `Segmentation` the pane uses: `labels[i]` is row i's segment label, null for rows left out. */
export interface SegmentResult {
  id: string;
  k: number;
  labels: (number | null)[];
  segments: SegmentSummary[];
}

export const SEGMENT_MUTATION = `mutation SegmentSelection($input: SegmentInput!) {
  segment(input: $input) {
    id
    k
    labels
    segments { label name size share }
  }
}`;

/**
 * Runs and stores a segmentation of inline rows.
 * @throws GraphQLRequestError with the server's message and code (e.g. `BAD_USER_INPUT` naming a column).
 */
export async function segment(client: GraphQLClient, request: SegmentRequest): Promise<SegmentResult> {
  const data = await client.request<{ segment: SegmentResult }>(SEGMENT_MUTATION, { input: request });
  return data.segment;
}

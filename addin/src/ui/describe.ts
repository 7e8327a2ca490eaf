/**
 * Words the pane shows: what went wrong (in the server's or Excel's own words, with the GraphQL code when there is
 * one) and counts with thousands separators.
 */
import { GraphQLRequestError } from '../api/graphql-client';

/** Codes whose message already says everything; others are shown after the message. */
const SELF_EXPLAINED = new Set(['UNREACHABLE', 'UNAUTHENTICATED']);

/**
 * @example describeError(new GraphQLRequestError('Column "spend" is not numeric', 'BAD_USER_INPUT'))
 * // 'Column "spend" is not numeric (BAD_USER_INPUT)'
 */
export function describeError(error: unknown): string {
  if (error instanceof GraphQLRequestError && error.code && !SELF_EXPLAINED.has(error.code)) {
    return `${error.message} (${error.code})`;
  }
  const message = (error as { message?: unknown } | null)?.message;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof message === 'string' && message.length > 0) {
    // Office.js errors carry a code (InvalidArgument, ItemNotFound, …) that support staff ask for.
    return typeof code === 'string' && !(error instanceof GraphQLRequestError)
      ? `Excel: ${message} (${code})`
      : message;
  }
  return `Unexpected error: ${String(error)}`;
}

/**
 * @example count(3000, 'row') // '3,000 rows'; count(1, 'segment') // '1 segment'
 */
export function count(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;
}

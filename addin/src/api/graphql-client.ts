/**
 * A minimal GraphQL-over-HTTP client: one POST of `{ query, variables }` as JSON to the pane's own origin, and the
 * first GraphQL error surfaced with its `extensions.code` (GUIDE §3) so the pane can show the server's own words.
 */

/** The part of `fetch` used here, so tests can pass a stub. */
export type Fetch = (
  url: string,
  init: { method: 'POST'; headers: Record<string, string>; body: string },
) => Promise<{ ok: boolean; status: number; statusText: string; json(): Promise<unknown> }>;

/** A failed request: the server's first error message and code, or what went wrong on the way. */
export class GraphQLRequestError extends Error {
  constructor(
    message: string,
    /** `extensions.code` of the first GraphQL error (`BAD_USER_INPUT`, …), undefined for transport failures. */
    readonly code?: string,
  ) {
    super(message);
    this.name = 'GraphQLRequestError';
  }
}

export interface GraphQLClient {
  request<T>(query: string, variables?: Record<string, unknown>): Promise<T>;
}

interface Body {
  data?: unknown;
  errors?: { message?: unknown; extensions?: { code?: unknown } }[];
}

/**
 * A client for `endpoint` (default `/graphql`, the server that serves the pane).
 * @example const data = await createGraphQLClient().request<{ datasets: { id: string }[] }>('{ datasets { id } }');
 */
export function createGraphQLClient(options: { endpoint?: string; fetch?: Fetch } = {}): GraphQLClient {
  const endpoint = options.endpoint ?? '/graphql';
  const send: Fetch = options.fetch ?? ((url, init) => fetch(url, init));
  return {
    async request<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
      let response: Awaited<ReturnType<Fetch>>;
      try {
        response = await send(endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({ query, variables }),
        });
      } catch (error) {
        throw new GraphQLRequestError(`Cannot reach the Quadrant server at ${endpoint}: ${(error as Error).message}`);
      }
      // Errors come with a JSON body even on HTTP 400 (e.g. a query the schema does not know yet): read it first.
      const body = (await response.json().catch(() => null)) as Body | null;
      const first = body?.errors?.[0];
      if (first) {
        const code = first.extensions?.code;
        throw new GraphQLRequestError(
          String(first.message ?? 'Unknown GraphQL error'),
          typeof code === 'string' ? code : undefined,
        );
      }
      if (!response.ok) {
        throw new GraphQLRequestError(
          `The Quadrant server answered HTTP ${response.status} ${response.statusText}`.trim(),
        );
      }
      if (body?.data == null) throw new GraphQLRequestError('The Quadrant server answered without GraphQL data.');
      return body.data as T;
    },
  };
}

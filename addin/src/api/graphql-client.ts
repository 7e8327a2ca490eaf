/**
 * A minimal GraphQL-over-HTTP client: one POST of `{ query, variables }` as JSON to the configured server (default:
 * the pane's own origin), with `Authorization: Bearer <key>` when an API key is set, and the first GraphQL error
 * surfaced with its `extensions.code` (GUIDE §3) so the pane can show the server's own words. An unreachable
 * server and a refused key get messages that say what to do.
 */

/** The part of `fetch` used here, so tests can pass a stub. */
export type Fetch = (
  url: string,
  init: { method: 'POST'; headers: Record<string, string>; body: string; signal?: AbortSignal },
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
  request<T>(query: string, variables?: Record<string, unknown>, signal?: AbortSignal): Promise<T>;
}

/** Where the server is and the key to send, read at every request so a change in the settings applies at once. */
export interface Connection {
  /** Base URL ("https://quadrant.example.com"); empty = the pane's own origin. */
  serverUrl: string;
  apiKey: string;
}

const REFUSED = new Set(['UNAUTHENTICATED', 'FORBIDDEN']);

interface Body {
  data?: unknown;
  errors?: { message?: unknown; extensions?: { code?: unknown } }[];
}

/**
 * A client for the server `connection()` names (default: `/graphql` of the server that serves the pane).
 * @example const data = await createGraphQLClient().request<{ datasets: { id: string }[] }>('{ datasets { id } }');
 */
export function createGraphQLClient(options: { connection?: () => Connection; fetch?: Fetch } = {}): GraphQLClient {
  const connection = options.connection ?? (() => ({ serverUrl: '', apiKey: '' }));
  const send: Fetch = options.fetch ?? ((url, init) => fetch(url, init));
  return {
    async request<T>(query: string, variables: Record<string, unknown> = {}, signal?: AbortSignal): Promise<T> {
      const { serverUrl, apiKey } = connection();
      const endpoint = `${serverUrl.replace(/\/+$/, '')}/graphql`;
      const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
      if (apiKey) headers.authorization = `Bearer ${apiKey}`;
      let response: Awaited<ReturnType<Fetch>>;
      try {
        response = await send(endpoint, {
          method: 'POST',
          headers,
          body: JSON.stringify({ query, variables }),
          signal,
        });
      } catch (error) {
        if ((error as Error).name === 'AbortError') throw error;
        const where = serverUrl || 'the address this pane was loaded from';
        throw new GraphQLRequestError(
          `Cannot reach the Quadrant server at ${where}: check that it is running and the server URL in Settings.`,
          'UNREACHABLE',
        );
      }
      if (response.status === 401 || response.status === 403) {
        const body = (await response.json().catch(() => null)) as Body | null;
        throw refused(apiKey, body?.errors?.[0]?.message);
      }
      // Errors come with a JSON body even on HTTP 400 (e.g. a query the schema does not know yet): read it first.
      const body = (await response.json().catch(() => null)) as Body | null;
      const first = body?.errors?.[0];
      if (first) {
        const code = first.extensions?.code;
        if (typeof code === 'string' && REFUSED.has(code)) throw refused(apiKey, first.message);
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

function refused(apiKey: string, message: unknown): GraphQLRequestError {
  const detail = typeof message === 'string' && message ? ` (${message})` : '';
  return new GraphQLRequestError(
    apiKey
      ? `The server refused the API key${detail}: check the key in Settings.`
      : `The server needs an API key${detail}: enter one in Settings.`,
    'UNAUTHENTICATED',
  );
}

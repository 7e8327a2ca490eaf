import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type ErrorRequestHandler, type Express, type Response } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { formatBytes, type Config } from '../config';
import type { Context, Services } from '../context';
import { formatError } from '../graphql/format-error';
import { buildQuadrantSchema } from '../graphql/schema';
import { DEFAULT_WORKSPACE_ID } from '../storage/entities/workspace.entity';
import { projectRoot } from '../paths';
import { graphiqlAssets, graphiqlPage } from './graphiql';

export interface App {
  app: Express;
  apollo: ApolloServer<Context>;
}

const ADDIN_DIR = join(projectRoot(), 'addin');

/**
 * The HTTP surface: POST/GET /graphql (Apollo), the GraphiQL IDE on a browser GET of /graphql, /health, and the
 * add-in's files under /addin/. Request bodies are JSON up to the configured limit and must be valid UTF-8; both
 * failures answer as GraphQL errors with extensions.code BAD_USER_INPUT.
 */
export async function createApp(config: Config, dataSource: DataSource, services: Services): Promise<App> {
  const apollo = new ApolloServer<Context>({
    schema: await buildQuadrantSchema(),
    formatError,
    includeStacktraceInErrorResponses: false,
    plugins: [ApolloServerPluginLandingPageDisabled(), ...(config.logRequests ? [requestLogger] : [])],
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');

  app.get('/health', async (_req, res) => {
    try {
      await dataSource.query('SELECT 1');
      res.json({ status: 'ok', storage: dataSource.options.type });
    } catch (error) {
      res.status(503).json({ status: 'unavailable', storage: dataSource.options.type, error: String(error) });
    }
  });

  for (const [name, file] of Object.entries(graphiqlAssets)) {
    app.get(`/vendor/${name}`, (_req, res) => res.sendFile(file, { maxAge: '1d' }));
  }
  app.get('/graphql', (req, res, next) => {
    if (req.query.query === undefined && req.accepts(['json', 'html']) === 'html')
      res.type('html').send(graphiqlPage('/graphql'));
    else next();
  });

  if (existsSync(ADDIN_DIR)) {
    app.use('/addin', express.static(ADDIN_DIR, { index: 'taskpane.html' }));
    app.get('/favicon.ico', (_req, res) =>
      res.type('png').sendFile(join(ADDIN_DIR, 'assets/icon-32.png'), { maxAge: '1d' }),
    );
  }

  app.use(
    '/graphql',
    express.json({ limit: config.bodyLimitBytes, verify: rejectInvalidUtf8 }),
    expressMiddleware(apollo, {
      context: async ({ res }): Promise<Context> => ({
        workspaceId: DEFAULT_WORKSPACE_ID,
        services,
        signal: clientGone(res),
      }),
    }),
  );

  app.get('/', (_req, res) => res.redirect('/graphql'));
  app.use(bodyErrors(config.bodyLimitBytes));
  return { app, apollo };
}

/**
 * A signal that aborts when the connection closes before the response is complete: the client gave up (closed the
 * tab, cancelled the request, timed out), so work done for it is wasted. The response's 'close', not the request's:
 * a request emits 'close' as soon as its body has been read.
 */
function clientGone(res: Response): AbortSignal {
  const controller = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) controller.abort(new Error('client disconnected'));
  });
  return controller.signal;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function rejectInvalidUtf8(_req: unknown, _res: unknown, buffer: Buffer): void {
  try {
    utf8.decode(buffer);
  } catch {
    const offset = firstInvalidUtf8(buffer);
    throw Object.assign(new Error(`The request body is not valid UTF-8 (first bad byte at offset ${offset})`), {
      status: 400,
      type: 'encoding.invalid',
    });
  }
}

function firstInvalidUtf8(buffer: Buffer): number {
  let lo = 0;
  let hi = buffer.length;
  // The longest valid prefix, by bisection over fatal decodes (a prefix can end mid-character: allow 3 bytes).
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    let ok = false;
    for (let cut = mid; cut >= Math.max(lo, mid - 3) && !ok; cut--) {
      try {
        utf8.decode(buffer.subarray(0, cut));
        ok = cut === mid;
      } catch {
        break;
      }
    }
    if (ok) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function bodyErrors(limit: number): ErrorRequestHandler {
  return (error, _req, res, next) => {
    if (res.headersSent) return next(error);
    const type = (error as { type?: string }).type;
    const reply = (status: number, message: string) =>
      res.status(status).json({ errors: [{ message, extensions: { code: 'BAD_USER_INPUT' } }] });
    switch (type) {
      case 'entity.too.large':
        return reply(
          413,
          `The request body (${formatBytes((error as { length: number }).length)}) is over the ${formatBytes(limit)} limit; import fewer rows at a time or raise QUADRANT_BODY_LIMIT`,
        );
      case 'entity.parse.failed':
        return reply(400, 'The request body is not valid JSON');
      case 'encoding.invalid':
      case 'entity.verify.failed':
        return reply(400, (error as Error).message);
      case 'encoding.unsupported':
      case 'charset.unsupported':
        return reply(415, 'The request body must be UTF-8 JSON');
    }
    console.error('HTTP error:', error);
    res
      .status(500)
      .json({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
  };
}

const requestLogger = {
  async requestDidStart() {
    const started = Date.now();
    return {
      async willSendResponse(ctx: { operationName?: string | null; errors?: readonly unknown[] }) {
        console.log(
          `graphql ${ctx.operationName ?? '(anonymous)'} ${Date.now() - started} ms${ctx.errors?.length ? ' with errors' : ''}`,
        );
      },
    };
  },
};

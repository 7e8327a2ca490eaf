import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type ErrorRequestHandler, type Express, type Response } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { authenticate, isLoopback, isLoopbackHostHeader } from '../auth/authenticate';
import { formatBytes, type Config } from '../config';
import type { Context, Services } from '../context';
import { errorFormatter } from '../graphql/format-error';
import { buildQuadrantSchema } from '../graphql/schema';
import { complexityLimit } from '../hardening/complexity-limit';
import { depthLimit } from '../hardening/depth-limit';
import { operationLogger, requestLogger, type RequestLog } from '../logging/request-log';
import { projectRoot } from '../paths';
import { graphiqlAssets, graphiqlPage, graphiqlPageCss, graphiqlStartScript } from './graphiql';
import { corsForOrigins, securityHeaders } from './security-headers';

export interface App {
  app: Express;
  apollo: ApolloServer<Context>;
}

const ADDIN_DIR = join(projectRoot(), 'addin');

/**
 * The HTTP surface: POST/GET /graphql (Apollo), the GraphiQL IDE on a browser GET of /graphql (not in production),
 * /health, and the add-in's files under /addin/. Every response carries helmet's headers and an X-Request-Id;
 * browsers may call the API only from this server's own origin and QUADRANT_CORS_ORIGINS. Request bodies are JSON
 * up to the configured limit (over it: LIMIT_EXCEEDED) and must be valid UTF-8 (BAD_USER_INPUT).
 */
export async function createApp(
  config: Config,
  dataSource: DataSource,
  services: Services,
  logger: Logger,
): Promise<App> {
  const schema = await buildQuadrantSchema();
  const apollo = new ApolloServer<Context>({
    schema,
    formatError: errorFormatter(logger),
    includeStacktraceInErrorResponses: false,
    introspection: !config.production,
    csrfPrevention: true,
    // main.ts drains and closes on SIGTERM/SIGINT; Apollo's own handler would re-raise the signal and kill us first.
    stopOnTerminationSignals: false,
    validationRules: [depthLimit(config.limits.maxDepth)],
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      // Its only effect here was `Cache-Control: no-store` (no field has a cache hint), at the price of a hook on
      // every resolved field; the header is set below for every /graphql answer instead.
      ApolloServerPluginCacheControlDisabled(),
      operationLogger(),
      complexityLimit(schema, config.limits.maxComplexity),
    ],
  });
  await apollo.start();
  const openOnLoopback = isLoopback(config.host);

  const app = express();
  app.disable('x-powered-by');
  app.use(requestLogger(logger));
  app.use(securityHeaders());

  // Open to load balancers without a key, so it says only whether storage answers; the cause goes to the log.
  app.get('/health', async (_req, res) => {
    try {
      await dataSource.query('SELECT 1');
      res.json({ status: 'ok' });
    } catch (error) {
      logger.error({ err: error }, 'health check failed');
      res.status(503).json({ status: 'unavailable' });
    }
  });

  if (!config.production) {
    for (const [name, file] of Object.entries(graphiqlAssets)) {
      app.get(`/vendor/${name}`, (_req, res) => res.sendFile(file, { maxAge: '1d' }));
    }
    app.get('/vendor/graphiql-start.js', (_req, res) => res.type('js').send(graphiqlStartScript('/graphql')));
    app.get('/vendor/graphiql-page.css', (_req, res) => res.type('css').send(graphiqlPageCss));
    app.get('/graphql', (req, res, next) => {
      if (req.query.query === undefined && req.accepts(['json', 'html']) === 'html')
        res.type('html').send(graphiqlPage());
      else next();
    });
  }

  if (existsSync(ADDIN_DIR)) {
    // Office shows the manifest's icons on its own pages (the ribbon in Excel on the web): cross-origin images.
    app.use('/addin/assets', (_req, res, next) => {
      res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
      next();
    });
    app.use('/addin', express.static(ADDIN_DIR, { index: 'taskpane.html' }));
    app.get('/favicon.ico', (_req, res) =>
      res.type('png').sendFile(join(ADDIN_DIR, 'assets/icon-32.png'), { maxAge: '1d' }),
    );
  }

  app.use(
    '/graphql',
    noStore,
    corsForOrigins(config.corsOrigins),
    express.json({ limit: config.bodyLimitBytes, verify: rejectInvalidUtf8 }),
    expressMiddleware(apollo, {
      context: async ({ req, res }): Promise<Context> => {
        const request = res.locals.requestLog as RequestLog;
        try {
          // The open mode also insists on a loopback Host header: a DNS-rebound page cannot borrow it.
          const open = openOnLoopback && isLoopbackHostHeader(req.headers.host);
          const workspaceId = await authenticate(req.headers.authorization, services.apiKeys, open);
          return { workspaceId, services, limits: config.limits, request, signal: clientGone(res) };
        } catch (error) {
          request.errorCodes = ['UNAUTHENTICATED'];
          throw error;
        }
      },
    }),
  );

  app.get('/', (_req, res) => res.redirect(config.production ? '/health' : '/graphql'));
  app.use(bodyErrors(config.bodyLimitBytes, logger));
  return { app, apollo };
}

/** Workspace data must not stay in a browser's or proxy's cache, whatever the answer. */
function noStore(_req: unknown, res: Response, next: () => void): void {
  res.setHeader('Cache-Control', 'no-store');
  next();
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

function bodyErrors(limit: number, logger: Logger): ErrorRequestHandler {
  return (error, _req, res, next) => {
    if (res.headersSent) return next(error);
    const type = (error as { type?: string }).type;
    const reply = (status: number, message: string, code = 'BAD_USER_INPUT', extra: Record<string, unknown> = {}) =>
      res.status(status).json({ errors: [{ message, extensions: { code, ...extra } }] });
    switch (type) {
      case 'entity.too.large': {
        const length = (error as { length: number }).length;
        return reply(
          413,
          `The request body (${formatBytes(length)}) is over the ${formatBytes(limit)} limit (QUADRANT_BODY_LIMIT); import fewer rows at a time or raise QUADRANT_BODY_LIMIT`,
          'LIMIT_EXCEEDED',
          { limit: 'QUADRANT_BODY_LIMIT', max: limit, actual: length },
        );
      }
      case 'entity.parse.failed':
        return reply(400, 'The request body is not valid JSON');
      case 'encoding.invalid':
      case 'entity.verify.failed':
        return reply(400, (error as Error).message);
      case 'encoding.unsupported':
      case 'charset.unsupported':
        return reply(415, 'The request body must be UTF-8 JSON');
    }
    if ((error as { type?: string }).type === 'cors.forbidden') {
      return reply(403, (error as Error).message, 'FORBIDDEN');
    }
    logger.error({ err: error }, 'HTTP error');
    res
      .status(500)
      .json({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
  };
}

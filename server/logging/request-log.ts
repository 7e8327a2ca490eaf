import type { ApolloServerPlugin } from '@apollo/server';
import type { NextFunction, Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';

/** What one request's log line says; filled in as the request is understood (id → operation → workspace). */
export interface RequestLog {
  id: string;
  operation?: string | null;
  /** The root fields asked for (e.g. ["segment"]): says what an anonymous operation did. */
  fields?: string[];
  workspaceId?: string;
  errorCodes?: string[];
}

/** A client's own X-Request-Id is kept when it is a plain token, so its logs and ours line up; else a new UUID. */
const CLIENT_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * Express middleware: gives each request an id (echoed as X-Request-Id) and writes one line when the response is
 * finished — id, method, path, status, milliseconds, and for GraphQL the operation, its root fields, the workspace
 * and any error codes. Never the API key, the variables or the rows.
 */
export function requestLogger(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const header = req.get('x-request-id');
    const log: RequestLog = { id: header && CLIENT_ID.test(header) ? header : randomUUID() };
    res.locals.requestLog = log;
    res.setHeader('X-Request-Id', log.id);
    const started = process.hrtime.bigint();
    // Read now: Express rewrites req.path inside mounted routers (/graphql → /).
    const path = req.path;
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const body = req.body as { operationName?: unknown } | undefined;
      const fallback = typeof body?.operationName === 'string' ? body.operationName : null;
      const line = {
        reqId: log.id,
        method: req.method,
        path,
        status: res.statusCode,
        ms: Math.round(ms * 10) / 10,
        ...(path === '/graphql' && req.method !== 'GET'
          ? { operation: log.operation ?? fallback, fields: log.fields, workspace: log.workspaceId ?? null }
          : {}),
        ...(log.errorCodes?.length ? { errors: log.errorCodes } : {}),
      };
      if (res.statusCode >= 500) logger.error(line, 'request failed');
      else logger.info(line, 'request');
    });
    next();
  };
}

/** Apollo's half of the request log: the resolved operation's name and root fields, and the error codes sent. */
export function operationLogger(): ApolloServerPlugin<{ request: RequestLog; workspaceId: string }> {
  return {
    async requestDidStart({ contextValue }) {
      contextValue.request.workspaceId = contextValue.workspaceId;
      return {
        async didResolveOperation({ operation, operationName }) {
          contextValue.request.operation = operationName ?? null;
          contextValue.request.fields = (operation?.selectionSet.selections ?? []).flatMap((s) =>
            s.kind === 'Field' ? [s.name.value] : [],
          );
        },
        async willSendResponse({ response }) {
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
          if (errors?.length) {
            contextValue.request.errorCodes = errors.map((e) => String(e.extensions?.code ?? 'UNKNOWN'));
          }
        },
      };
    },
  };
}

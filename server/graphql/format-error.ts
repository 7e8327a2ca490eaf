import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { ArgumentValidationError } from 'type-graphql';
import { InputError } from '../../shared/errors';

/** Apollo's codes for requests that are not a well-formed, valid GraphQL operation. */
const MALFORMED_REQUEST_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

/**
 * Every error a client sees has `extensions.code`, one of GUIDE §3's. A query that does not parse or validate, or an
 * unusable HTTP request, is BAD_USER_INPUT with Apollo's own code as `extensions.reason`. Bad input from the core
 * (InputError) becomes BAD_USER_INPUT with the column or argument at fault in `extensions.field`; anything
 * unexpected becomes a bare INTERNAL_SERVER_ERROR (logged with its stack, never a stack trace to the client).
 */
export function errorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown) => formatError(formatted, error, logger);
}

function formatError(formatted: GraphQLFormattedError, error: unknown, logger: Logger): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof InputError) {
    return {
      message: original.message,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: 'BAD_USER_INPUT', ...(original.field ? { field: original.field } : {}) },
    };
  }
  if (original instanceof ArgumentValidationError) {
    const details = original.extensions.validationErrors ?? [];
    return {
      message: formatted.message,
      path: formatted.path,
      extensions: { code: 'BAD_USER_INPUT', validationErrors: details },
    };
  }
  const code = formatted.extensions?.code;
  if (typeof formatted.extensions?.limit === 'string') {
    // A limit enforced by a validation rule (depth): Apollo relabels it GRAPHQL_VALIDATION_FAILED; it is a limit.
    return { ...formatted, extensions: { ...formatted.extensions, code: 'LIMIT_EXCEEDED' } };
  }
  if (typeof code === 'string' && MALFORMED_REQUEST_CODES.has(code)) {
    // A query that does not parse or validate is bad input too: one code for clients, Apollo's kept as the reason.
    return { ...formatted, extensions: { code: 'BAD_USER_INPUT', reason: code } };
  }
  if (code === undefined || code === 'INTERNAL_SERVER_ERROR') {
    logger.error({ err: original, path: formatted.path }, 'internal error');
    return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  }
  // Apollo's own errors carry a stack trace under extensions in development; clients never get one.
  if (formatted.extensions && 'stacktrace' in formatted.extensions) {
    const extensions = { ...formatted.extensions };
    delete extensions.stacktrace;
    return { ...formatted, extensions };
  }
  return formatted;
}

import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';
import { InputError } from '../../shared/errors';

/**
 * Every error a client sees has `extensions.code`. Bad input from the core (InputError) becomes BAD_USER_INPUT with
 * the column or argument at fault in `extensions.field`; anything unexpected becomes a bare INTERNAL_SERVER_ERROR
 * (logged here, never a stack trace to the client).
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
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
  if (code === undefined || code === 'INTERNAL_SERVER_ERROR') {
    console.error('Internal error:', original);
    return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  }
  return formatted;
}

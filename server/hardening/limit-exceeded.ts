import { GraphQLError } from 'graphql';

/**
 * A request over one of the configured limits: extensions.code LIMIT_EXCEEDED, with the limit's environment
 * variable, its value and what was asked, so a client can split the work and an operator can raise the limit.
 */
export class LimitExceededError extends GraphQLError {
  constructor(message: string, limit: string, max: number, actual: number, httpStatus?: number) {
    super(message, {
      extensions: {
        code: 'LIMIT_EXCEEDED',
        limit,
        max,
        actual,
        ...(httpStatus ? { http: { status: httpStatus } } : {}),
      },
    });
  }
}

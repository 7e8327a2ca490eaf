import { GraphQLError } from 'graphql';

/** A stored object that does not exist in the caller's workspace: extensions.code NOT_FOUND. */
export class NotFoundError extends GraphQLError {
  constructor(what: string, id: string) {
    super(`${what} "${id}" was not found`, { extensions: { code: 'NOT_FOUND', id } });
  }
}

/** A request stopped at one of Quadrant's limits: extensions.code LIMIT_EXCEEDED, `limit` naming the setting. */
export class LimitExceededError extends GraphQLError {
  constructor(message: string, limit: string) {
    super(message, { extensions: { code: 'LIMIT_EXCEEDED', limit } });
  }
}

/**
 * The server began to close while the analysis ran (its request's connection cut after the shutdown grace): the
 * analysis was stopped. Nobody reads this answer; it keeps the stop out of the log's internal errors.
 */
export class ServerClosingError extends GraphQLError {
  constructor() {
    super('The server is closing; the analysis was stopped and nothing was stored', {
      extensions: { code: 'SERVER_CLOSING' },
    });
  }
}

/** The client went away before its analysis finished: the analysis was stopped. Nobody reads this answer. */
export class ClientClosedError extends GraphQLError {
  constructor() {
    super('The client closed the request; the analysis was stopped and nothing was stored', {
      extensions: { code: 'CLIENT_CLOSED_REQUEST' },
    });
  }
}

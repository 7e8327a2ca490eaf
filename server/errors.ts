import { GraphQLError } from 'graphql';

/** A stored object that does not exist in the caller's workspace: extensions.code NOT_FOUND. */
export class NotFoundError extends GraphQLError {
  constructor(what: string, id: string) {
    super(`${what} "${id}" was not found`, { extensions: { code: 'NOT_FOUND', id } });
  }
}

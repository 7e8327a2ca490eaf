import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLSchema } from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import { LimitExceededError } from './limit-exceeded';

/**
 * Refuses an operation whose estimated cost is over `maxComplexity` before any resolver runs. Each field costs 1
 * unless its definition says otherwise (type-graphql's `complexity` option: analyses and per-row lists cost more), so
 * a hundred aliased segmentations or a members list asked for under every segment cost what they would do.
 */
export function complexityLimit(schema: GraphQLSchema, maxComplexity: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          let complexity: number;
          try {
            complexity = getComplexity({
              schema,
              query: document,
              operationName: request.operationName ?? undefined,
              variables: request.variables ?? {},
              estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
            });
          } catch {
            // Variables that do not fit their types cannot be priced; execution refuses them next (BAD_USER_INPUT)
            // before any resolver runs, so nothing unpriced is executed.
            return;
          }
          if (complexity > maxComplexity) {
            throw new LimitExceededError(
              `The query's estimated cost is ${complexity}; the limit is ${maxComplexity} (QUADRANT_MAX_COMPLEXITY). ` +
                'Ask for fewer analyses or smaller pages per request.',
              'QUADRANT_MAX_COMPLEXITY',
              maxComplexity,
              complexity,
              400,
            );
          }
        },
      };
    },
  };
}

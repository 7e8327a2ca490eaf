import type { ApolloServerPlugin } from '@apollo/server';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import { LimitExceededError } from './limit-exceeded';

/** Variables are part of a remembered cost only when they are this small (scalars and short lists, counted). */
const MAX_KEYED_VALUES = 64;
/** Costs remembered per document (operation name × variables); past this the document's memory starts over. */
const MAX_COSTS_PER_DOCUMENT = 256;

/**
 * Refuses an operation whose estimated cost is over `maxComplexity` before any resolver runs. Each field costs 1
 * unless its definition says otherwise (type-graphql's `complexity` option: analyses and per-row lists cost more), so
 * a hundred aliased segmentations or a members list asked for under every segment cost what they would do.
 *
 * A cost depends only on the document, the operation and the variables (a page's `first`), so it is remembered per
 * document (Apollo hands back the same parsed document for the same query text) and key of operation name and
 * variables: a client repeating its queries pays for the estimate once. Variables too large to key cheaply (inline
 * tables) are priced every time, which costs little next to the work such requests do.
 */
export function complexityLimit(schema: GraphQLSchema, maxComplexity: number): ApolloServerPlugin {
  const costs = new WeakMap<DocumentNode, Map<string, number>>();
  const estimate = (document: DocumentNode, operationName: string | undefined, variables: Record<string, unknown>) =>
    getComplexity({
      schema,
      query: document,
      operationName,
      variables,
      estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
    });
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const operationName = request.operationName ?? undefined;
          const variables = request.variables ?? {};
          const key = smallKey([operationName ?? null, variables]);
          let known = costs.get(document);
          let complexity = key === null ? undefined : known?.get(key);
          if (complexity === undefined) {
            try {
              complexity = estimate(document, operationName, variables);
            } catch {
              // Variables that do not fit their types cannot be priced; execution refuses them next (BAD_USER_INPUT)
              // before any resolver runs, so nothing unpriced is executed.
              return;
            }
            if (key !== null) {
              if (!known || known.size >= MAX_COSTS_PER_DOCUMENT) costs.set(document, (known = new Map()));
              known.set(key, complexity);
            }
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

/** The value as JSON when it holds at most MAX_KEYED_VALUES values in all, else null (without walking it all). */
function smallKey(value: unknown): string | null {
  let budget = MAX_KEYED_VALUES;
  const fits = (v: unknown): boolean => {
    if (--budget < 0) return false;
    if (v === null || typeof v !== 'object') return true;
    return Array.isArray(v) ? v.every(fits) : Object.values(v).every(fits);
  };
  return fits(value) ? JSON.stringify(value) : null;
}

import {
  GraphQLError,
  Kind,
  type ASTVisitor,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';

/**
 * A validation rule refusing operations whose selections nest deeper than `maxDepth` (fragments expanded; a fragment
 * cycle is left to graphql-js's own NoFragmentCycles rule). Introspection counts like any query: the default limit
 * leaves room for GraphiQL's schema query (13 levels), while `__schema { types { fields { type { fields … } } } }`
 * chains that multiply the answer at every level are cut off.
 */
export function depthLimit(maxDepth: number): (context: ValidationContext) => ASTVisitor {
  return (context) => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const def of context.getDocument().definitions) {
      if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
    }
    const depthOf = (set: SelectionSetNode | undefined, seen: Set<string>): number => {
      if (!set) return 0;
      let deepest = 0;
      for (const sel of set.selections) {
        if (sel.kind === Kind.FIELD) {
          deepest = Math.max(deepest, 1 + depthOf(sel.selectionSet, seen));
        } else if (sel.kind === Kind.INLINE_FRAGMENT) {
          deepest = Math.max(deepest, depthOf(sel.selectionSet, seen));
        } else {
          const name = sel.name.value;
          const fragment = fragments.get(name);
          if (!fragment || seen.has(name)) continue;
          deepest = Math.max(deepest, depthOf(fragment.selectionSet, new Set([...seen, name])));
        }
        if (deepest > maxDepth) return deepest;
      }
      return deepest;
    };
    return {
      OperationDefinition(node) {
        const depth = depthOf(node.selectionSet, new Set());
        if (depth > maxDepth) {
          context.reportError(
            new GraphQLError(`The query nests ${depth} levels deep; the limit is ${maxDepth} (QUADRANT_MAX_DEPTH)`, {
              nodes: [node],
              extensions: { code: 'LIMIT_EXCEEDED', limit: 'QUADRANT_MAX_DEPTH', max: maxDepth, actual: depth },
            }),
          );
        }
      },
    };
  };
}

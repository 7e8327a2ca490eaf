import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import type { Cell } from '../../shared/table/types';

/** A spreadsheet cell: number, string, boolean or null ("" counts as empty). */
export const CellScalar = new GraphQLScalarType<Cell, Cell>({
  name: 'Cell',
  description: 'A spreadsheet cell: number, string, boolean or null ("" counts as empty).',
  serialize: (value) => toCell(value),
  parseValue: (value) => toCell(value),
  parseLiteral: (ast: ValueNode) => {
    switch (ast.kind) {
      case Kind.INT:
      case Kind.FLOAT:
        return Number(ast.value);
      case Kind.STRING:
        return ast.value;
      case Kind.BOOLEAN:
        return ast.value;
      case Kind.NULL:
        return null;
      default:
        throw new GraphQLError('A Cell is a number, string, boolean or null', {
          extensions: { code: 'BAD_USER_INPUT' },
        });
    }
  },
});

function toCell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    return value;
  }
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  throw new GraphQLError(
    `A Cell is a number, string, boolean or null, not ${Array.isArray(value) ? 'a list' : typeof value}`,
    {
      extensions: { code: 'BAD_USER_INPUT' },
    },
  );
}

import {
  getNamedType,
  GraphQLEnumType,
  GraphQLInputObjectType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLScalarType,
  isLeafType,
  isNonNullType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLInputType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';

/** One root field of the schema: every query and mutation, found by walking the schema so new ones are covered. */
export interface Operation {
  kind: 'query' | 'mutation';
  name: string;
  field: GraphQLField<unknown, unknown>;
}

export function operationsOf(schema: GraphQLSchema): Operation[] {
  const out: Operation[] = [];
  for (const [kind, type] of [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
  ] as const) {
    for (const field of Object.values(type?.getFields() ?? {})) out.push({ kind, name: field.name, field });
  }
  return out;
}

/** The leaf fields (without required arguments) of an output type, for a selection set that reads everything flat. */
export function leafSelection(type: GraphQLOutputType): string {
  const named = getNamedType(type);
  if (!(named instanceof GraphQLObjectType)) return '';
  const leaves = Object.values(named.getFields())
    .filter((f) => isLeafType(getNamedType(f.type)) && f.args.every((a) => !isNonNullType(a.type)))
    .map((f) => f.name);
  return `{ __typename ${leaves.join(' ')} }`;
}

/** A document calling one operation with every argument passed as a variable named after it. */
export function operationDocument(op: Operation, args: readonly GraphQLArgument[] = op.field.args): string {
  const defs = args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const call = args.map((a) => `${a.name}: $${a.name}`).join(', ');
  return `${op.kind} ${op.name}Op${defs ? `(${defs})` : ''} { ${op.name}${call ? `(${call})` : ''} ${leafSelection(op.field.type)} }`;
}

/** Where an ID sits in an operation's arguments: `input.attributes.datasetId` → ['input', 'attributes', 'datasetId']. */
export type IdPath = string[];

/** Every ID-typed slot reachable in an operation's arguments (through input objects, not through lists). */
export function idPaths(op: Operation): IdPath[] {
  const paths: IdPath[] = [];
  const walk = (type: GraphQLInputType, path: string[]) => {
    const bare = type instanceof GraphQLNonNull ? type.ofType : type;
    if (bare instanceof GraphQLScalarType && bare.name === 'ID') paths.push(path);
    if (bare instanceof GraphQLInputObjectType) {
      for (const f of Object.values(bare.getFields())) walk(f.type, [...path, f.name]);
    }
  };
  for (const a of op.field.args) walk(a.type, [a.name]);
  return paths;
}

/** Names of every `…Column` input field in the schema, without the suffix: the columns a test table should have. */
export function columnFieldNames(schema: GraphQLSchema): string[] {
  const names = new Set<string>(['column', 'a']);
  for (const type of Object.values(schema.getTypeMap())) {
    if (!(type instanceof GraphQLInputObjectType) || type.name.startsWith('__')) continue;
    for (const f of Object.keys(type.getFields())) if (/.Column$/.test(f)) names.add(f.replace(/Column$/, ''));
  }
  return [...names];
}

export interface ValueChoices {
  /** The ID to put at a path. */
  id(path: IdPath): string;
  /** Extra optional fields to fill (by path), beyond the required ones and the ID paths. */
  include?(path: IdPath): boolean;
}

/**
 * A plausible value for an input type: required fields filled (a `fooColumn` names the column "foo", other strings
 * "a", lists of strings ["a"] except steps ["a", "b"], numbers 2, the first enum value), ID slots from `choices`.
 */
export function sampleValue(type: GraphQLInputType, path: IdPath, choices: ValueChoices, wantedIds: IdPath[]): unknown {
  const bare = type instanceof GraphQLNonNull ? type.ofType : type;
  const name = path[path.length - 1];
  if (bare instanceof GraphQLList) {
    if (name === 'steps') return ['a', 'b'];
    return [sampleValue(bare.ofType, path, choices, wantedIds)];
  }
  if (bare instanceof GraphQLEnumType) return bare.getValues()[0].value;
  if (bare instanceof GraphQLInputObjectType) {
    const out: Record<string, unknown> = {};
    for (const f of Object.values(bare.getFields()) as GraphQLInputField[]) {
      const p = [...path, f.name];
      const leadsToId = wantedIds.some((w) => p.every((s, i) => w[i] === s));
      if (isNonNullType(f.type) || leadsToId || choices.include?.(p))
        out[f.name] = sampleValue(f.type, p, choices, wantedIds);
    }
    return out;
  }
  switch ((bare as GraphQLScalarType).name) {
    case 'ID':
      return choices.id(path);
    case 'Int':
      return 2;
    case 'Float':
      return 0.5;
    case 'Boolean':
      return false;
    case 'String':
      return /.Column$/.test(name) ? name.replace(/Column$/, '') : name === 'column' ? 'column' : 'a';
    default:
      return 'a';
  }
}

/**
 * Command-line flags generated from a GraphQL input type, so the CLI and the API share one definition of every
 * option: its name (`kMin` → `--k-min`), type, allowed values, whether it is required, and its description (which
 * states the default; the core applies it when the option is left out, for the API and the CLI alike).
 *
 * - Int / Float: a number (`auto` leaves it to the default, as `--k auto` chooses k by silhouette).
 * - String / ID: text; enums: one of their values; Boolean: a switch.
 * - Lists of those: comma-separated (`--features CLV,minutes`); an empty item is null where the list allows it
 *   (`--step-windows-seconds ,3600,86400`).
 * - A nested table source (an input with `table`, such as `costs`): its fields become `--costs-<field>` flags, and
 *   its rows come from `--costs-sheet <sheet>` (of the same workbook) or `--costs-file <path>`.
 * - Any other nested input: JSON text.
 */
import { InvalidArgumentError, Option } from 'commander';
import {
  GraphQLEnumType,
  GraphQLInputObjectType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLScalarType,
  type GraphQLInputField,
  type GraphQLInputType,
} from 'graphql';

/** Fields the command line fills itself (rows from the file) or that need stored data it does not have. */
export const SOURCE_FIELDS = new Set(['datasetId', 'table', 'segmentationId', 'name', 'background']);

/** One generated flag and how its value maps back into the GraphQL input. */
export interface FlagSpec {
  option: Option;
  /** Path of the field in the input object: ['kMin'] or ['costs', 'spendColumn']. */
  path: string[];
  /** Required by the GraphQL type (for nested fields: required once the nested input is given). */
  required: boolean;
  /** The commander attribute name the value is stored under. */
  attribute: string;
}

/** A nested table source's `--<field>-sheet` / `--<field>-file` pair. */
export interface NestedSource {
  field: string;
  sheetAttribute: string;
  fileAttribute: string;
}

export interface GeneratedFlags {
  flags: FlagSpec[];
  nestedSources: NestedSource[];
}

/**
 * The flags of an input type.
 * @example flagsOf(schema.getType('SegmentInput')).flags.map((f) => f.option.flags) includes '--k-max <n>'
 */
export function flagsOf(type: GraphQLInputObjectType): GeneratedFlags {
  const flags: FlagSpec[] = [];
  const nestedSources: NestedSource[] = [];
  for (const field of Object.values(type.getFields())) {
    if (SOURCE_FIELDS.has(field.name)) continue;
    const named = namedType(field.type);
    if (named instanceof GraphQLInputObjectType && !isList(field.type) && 'table' in named.getFields()) {
      const prefix = kebab(field.name);
      nestedSources.push({
        field: field.name,
        sheetAttribute: camel(`${prefix}-sheet`),
        fileAttribute: camel(`${prefix}-file`),
      });
      const source = field.description ? ` (${field.description})` : '';
      flags.push(
        plain(
          new Option(`--${prefix}-sheet <sheet>`, `rows of ${field.name} from this sheet of the workbook${source}`),
          [field.name, '__sheet'],
        ),
        plain(new Option(`--${prefix}-file <path>`, `rows of ${field.name} from this .xlsx or .csv file`), [
          field.name,
          '__file',
        ]),
      );
      for (const inner of Object.values(named.getFields())) {
        if (SOURCE_FIELDS.has(inner.name)) continue;
        flags.push(flagOf(inner, [field.name, inner.name], `${prefix}-${kebab(inner.name)}`));
      }
      continue;
    }
    flags.push(flagOf(field, [field.name], kebab(field.name)));
  }
  return { flags, nestedSources };
}

function plain(option: Option, path: string[]): FlagSpec {
  return { option, path, required: false, attribute: option.attributeName() };
}

function flagOf(field: GraphQLInputField, path: string[], flag: string): FlagSpec {
  const required = field.type instanceof GraphQLNonNull;
  const named = namedType(field.type);
  const list = isList(field.type);
  const description = field.description ?? '';
  let option: Option;
  if (named instanceof GraphQLInputObjectType) {
    option = new Option(`--${flag} <json>`, `${description} (JSON)`.trim()).argParser(parseJson(flag));
  } else if (named instanceof GraphQLEnumType) {
    const values = named.getValues().map((v) => v.name);
    option = new Option(`--${flag} <${list ? 'values' : 'value'}>`, description);
    if (list) option.argParser(parseList(flag, (item) => oneOf(flag, item, values)));
    else option.choices(values);
  } else if (named instanceof GraphQLScalarType && named.name === 'Boolean' && !list) {
    option = new Option(`--${flag}`, description);
  } else {
    const scalar = (named as GraphQLScalarType).name;
    const parseOne: (text: string) => number | string =
      scalar === 'Int' ? parseInteger(flag) : scalar === 'Float' ? parseNumber(flag) : (text: string) => text;
    const metavar = scalar === 'Int' || scalar === 'Float' ? 'n' : list ? 'a,b,…' : 'text';
    option = new Option(`--${flag} <${list ? (scalar === 'String' ? 'columns' : 'values') : metavar}>`, description);
    if (list) option.argParser(parseList(flag, parseOne, itemsNullable(field.type)));
    else if (scalar === 'Int' || scalar === 'Float') {
      option.argParser((text: string) => (text === 'auto' ? AUTO : parseOne(text)));
    }
  }
  if (required && path.length === 1) {
    option.makeOptionMandatory(true);
    option.description = `(required) ${option.description}`;
  } else if (required) option.description = `(required with ${path[0]}) ${option.description}`;
  return { option, path, required, attribute: option.attributeName() };
}

/** `--k auto`: the option's default, as if it were not given. */
export const AUTO = Symbol('auto');

/**
 * The GraphQL input object from parsed flag values (nested sources are filled in by the caller).
 * @throws InvalidArgumentError naming the flag when a nested input lacks a required field.
 */
export function inputFromFlags(generated: GeneratedFlags, values: Record<string, unknown>): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const flag of generated.flags) {
    if (flag.path[1]?.startsWith('__')) continue;
    const value = values[flag.attribute];
    if (value === undefined || value === AUTO) continue;
    if (flag.path.length === 1) input[flag.path[0]] = value;
    else {
      const nested = (input[flag.path[0]] ??= {}) as Record<string, unknown>;
      nested[flag.path[1]] = value;
    }
  }
  for (const source of generated.nestedSources) {
    const given = input[source.field] !== undefined || values[source.sheetAttribute] || values[source.fileAttribute];
    if (!given) continue;
    const nested = (input[source.field] ??= {}) as Record<string, unknown>;
    for (const flag of generated.flags) {
      if (flag.path[0] === source.field && flag.required && nested[flag.path[1]] === undefined) {
        throw new InvalidArgumentError(`${flag.option.flags.split(' ')[0]} is required with ${source.field}`);
      }
    }
    if (!values[source.sheetAttribute] && !values[source.fileAttribute]) {
      throw new InvalidArgumentError(
        `--${kebab(source.field)}-sheet or --${kebab(source.field)}-file is required with ${source.field}`,
      );
    }
  }
  return input;
}

function namedType(type: GraphQLInputType): GraphQLInputType {
  let t = type;
  while (t instanceof GraphQLNonNull || t instanceof GraphQLList) t = t.ofType;
  return t;
}

function isList(type: GraphQLInputType): boolean {
  const t = type instanceof GraphQLNonNull ? type.ofType : type;
  return t instanceof GraphQLList;
}

/** kMin → k-min, logTransform → log-transform. */
export function kebab(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}

function camel(flag: string): string {
  return flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

function parseInteger(flag: string) {
  return (text: string): number => {
    const n = Number(text);
    if (text.trim() === '' || !Number.isInteger(n))
      throw new InvalidArgumentError(`--${flag} wants a whole number, got "${text}"`);
    return n;
  };
}

function parseNumber(flag: string) {
  return (text: string): number => {
    const n = Number(text);
    if (text.trim() === '' || !Number.isFinite(n))
      throw new InvalidArgumentError(`--${flag} wants a number, got "${text}"`);
    return n;
  };
}

/** Comma-separated items; where the list's items may be null (`[Int]`), an empty item or `null` is null. */
function parseList<T>(flag: string, parseOne: (text: string) => T, nullable = false) {
  return (text: string): (T | null)[] => {
    const items = text.split(',').map((item) => item.trim());
    return items.map((item) => {
      if (nullable && (item === '' || item === 'null')) return null;
      if (item === '') throw new InvalidArgumentError(`--${flag} has an empty item in "${text}"`);
      return parseOne(item);
    });
  };
}

function itemsNullable(type: GraphQLInputType): boolean {
  const list = type instanceof GraphQLNonNull ? type.ofType : type;
  return list instanceof GraphQLList && !(list.ofType instanceof GraphQLNonNull);
}

function oneOf(flag: string, value: string, values: readonly string[]): string {
  if (!values.includes(value))
    throw new InvalidArgumentError(`--${flag}: "${value}" is not one of ${values.join(', ')}`);
  return value;
}

function parseJson(flag: string) {
  return (text: string): unknown => {
    try {
      return JSON.parse(text);
    } catch {
      throw new InvalidArgumentError(`--${flag} wants JSON, got "${text}"`);
    }
  };
}

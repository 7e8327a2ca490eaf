import { GraphQLInputObjectType, GraphQLNonNull, type GraphQLSchema } from 'graphql';
import { ANALYSES } from '../../cli/analyses';
import { AUTO, flagsOf, inputFromFlags, kebab, SOURCE_FIELDS } from '../../cli/input-options';
import { buildQuadrantSchema } from '../../server/graphql/schema';

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await buildQuadrantSchema();
});

function inputType(name: string): GraphQLInputObjectType {
  return schema.getType(name) as GraphQLInputObjectType;
}

describe('flagsOf', () => {
  it.each(ANALYSES.map((a) => [a.command, a.inputType]))(
    'quadrant %s has a flag for every field of %s (nested table inputs as --<field>-<name>), required ones mandatory',
    (_, typeName) => {
      const type = inputType(typeName);
      const generated = flagsOf(type);
      const byPath = new Map(generated.flags.map((f) => [f.path.join('.'), f]));
      for (const field of Object.values(type.getFields())) {
        if (SOURCE_FIELDS.has(field.name)) continue;
        const nested = generated.nestedSources.find((s) => s.field === field.name);
        if (nested) {
          for (const inner of Object.values((field.type as GraphQLInputObjectType).getFields?.() ?? {})) {
            if (!SOURCE_FIELDS.has(inner.name)) expect(byPath.has(`${field.name}.${inner.name}`)).toBe(true);
          }
          continue;
        }
        const flag = byPath.get(field.name);
        expect(flag?.option.long).toBe(`--${kebab(field.name)}`);
        expect(flag?.option.mandatory).toBe(field.type instanceof GraphQLNonNull);
      }
    },
  );

  it('inputFromFlags maps parsed values back onto the GraphQL input, nested fields under their input, auto left out', () => {
    const generated = flagsOf(inputType('ChannelInput'));
    const option = (long: string) => generated.flags.find((f) => f.option.long === long)!;
    const minUsers = option('--min-users').option.parseArg!('auto', undefined);
    expect(minUsers).toBe(AUTO);
    const values = {
      [option('--channel-column').attribute]: 'channel',
      [option('--target-ltv-to-cac').attribute]: option('--target-ltv-to-cac').option.parseArg!('2.5', undefined),
      [option('--min-users').attribute]: minUsers,
      [option('--costs-spend-column').attribute]: 'spend',
      [option('--costs-channel-column').attribute]: 'channel',
      [option('--costs-sheet').attribute]: 'Costs',
    };
    expect(inputFromFlags(generated, values)).toEqual({
      channelColumn: 'channel',
      targetLtvToCac: 2.5,
      costs: { spendColumn: 'spend', channelColumn: 'channel' },
    });
  });

  it('list flags split on commas and check enum values; numbers are checked', () => {
    const generated = flagsOf(inputType('SegmentInput'));
    const option = (long: string) => generated.flags.find((f) => f.option.long === long)!.option;
    expect(option('--features').parseArg!('clv, minutes', undefined)).toEqual(['clv', 'minutes']);
    expect(() => option('--features').parseArg!('clv,,x', undefined)).toThrow('--features has an empty item');
    expect(() => option('--k-max').parseArg!('ten', undefined)).toThrow('--k-max wants a whole number, got "ten"');
    expect(option('--method').argChoices).toEqual(['KMEANS', 'WARD', 'SCORES']);
  });

  it('a list whose items may be null ([Int]) reads an empty item as null', () => {
    const generated = flagsOf(inputType('FunnelInput'));
    const windows = generated.flags.find((f) => f.option.long === '--step-windows-seconds')!.option;
    expect(windows.parseArg!(',3600,86400', undefined)).toEqual([null, 3600, 86400]);
  });
});

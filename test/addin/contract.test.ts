import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, parse, validate } from 'graphql';
import { SEGMENT_MUTATION } from '../../addin/src/api/segment';
import { projectRoot } from '../../server/paths';

describe('the add-in against the server contract', () => {
  const schema = buildSchema(readFileSync(join(projectRoot(), 'schema/schema.graphql'), 'utf8'));

  it('SEGMENT_MUTATION is a valid operation against schema/schema.graphql', () => {
    expect(validate(schema, parse(SEGMENT_MUTATION))).toEqual([]);
  });

  it('the check can fail: a field the schema lacks is reported', () => {
    const broken = SEGMENT_MUTATION.replace('labels', 'labelz');
    expect(validate(schema, parse(broken)).map((e) => e.message)).toEqual([
      'Cannot query field "labelz" on type "Segmentation". Did you mean "labels"?',
    ]);
  });
});

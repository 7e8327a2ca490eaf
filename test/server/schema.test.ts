import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildQuadrantSchema, printQuadrantSchema } from '../../server/graphql/schema';
import { projectRoot } from '../../server/paths';

describe('schema/schema.graphql', () => {
  it('is what the code generates (run `npm run schema` after an API change)', async () => {
    const checkedIn = readFileSync(join(projectRoot(), 'schema/schema.graphql'), 'utf8');
    expect(printQuadrantSchema(await buildQuadrantSchema())).toBe(checkedIn);
  });

  it('keeps the contract names of GUIDE.md', async () => {
    const sdl = printQuadrantSchema(await buildQuadrantSchema());
    for (const name of [
      'scalar Cell',
      'input TableInput',
      'datasets: [Dataset!]!',
      'dataset(id: ID!): Dataset',
      'importDataset(input: ImportDatasetInput!): Dataset!',
      'deleteDataset(id: ID!): Boolean!',
    ]) {
      expect(sdl).toContain(name);
    }
    expect(sdl).toMatch(/rows: \[\[Cell\]!\]!/);
  });
});

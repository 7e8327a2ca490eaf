import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningServer } from '../../server/bootstrap';
import { projectRoot } from '../../server/paths';
import { gql, type TestStorage, openTestServer, closeTestServer } from './helpers/server';

/**
 * The README's GraphQL examples, each an operation, with "<Dataset name>" standing for that dataset's id and
 * "<segmentation: Name>" for the id of the stored segmentation of that name (made by an example before it).
 */
function readmeOperations(): string[] {
  const readme = readFileSync(join(projectRoot(), 'README.md'), 'utf8');
  const block = /```graphql\n([\s\S]*?)```/.exec(readme);
  if (!block) throw new Error('README.md has no graphql block');
  return block[1]
    .split(/\n(?=#)/)
    .map((chunk) => chunk.replace(/^#.*$/gm, '').trim())
    .filter((op) => op.length > 0);
}

describe('the README examples', () => {
  let storage: TestStorage;
  let server: RunningServer;

  beforeAll(async () => ({ storage, server } = await openTestServer('sqlite', { seedDemo: true })));
  afterAll(() => closeTestServer(server, storage));

  it('has one example for each analysis', () => {
    const all = readmeOperations().join('\n');
    for (const field of [
      'segment(',
      'rfm(',
      'funnel(',
      'channels(',
      'experiment(',
      'sampleSize(',
      'periodComparison(',
      'correlations(',
      'cohorts(',
      'stabilityResamples',
      'assignSegments(',
    ]) {
      expect(all).toContain(field);
    }
  });

  it.each(readmeOperations().map((op) => [op.split('\n')[0].slice(0, 60), op]))(
    'runs without errors: %s',
    async (_title, operation) => {
      const stored = (await gql(server.url, '{ datasets { id name } segmentations { id name } }')).data!;
      const datasets = stored.datasets as { id: string; name: string }[];
      const segmentations = stored.segmentations as { id: string; name: string }[];
      const query = operation.replace(/<([^>]+)>/g, (_, name: string) => {
        if (name.startsWith('segmentation: ')) {
          const run = segmentations.find((s) => s.name === name.slice('segmentation: '.length));
          if (!run) throw new Error(`README names a segmentation "${name}" that no example before it stored`);
          return run.id;
        }
        const found = datasets.find((d) => d.name === name);
        if (!found) throw new Error(`README names a dataset "${name}" that the demo workspace does not have`);
        return found.id;
      });
      const res = await gql(server.url, query);
      expect(res.errors).toBeUndefined();
      expect(Object.keys(res.data ?? {}).length).toBeGreaterThan(0);
    },
  );
});

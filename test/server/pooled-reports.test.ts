import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, getNamedType, GraphQLObjectType, isNonNullType, type GraphQLSchema } from 'graphql';
import type { RunningServer } from '../../server/bootstrap';
import { projectRoot } from '../../server/paths';
import { SLICE_LENGTH } from '../../server/pool/sliced-arrays';
import { DEFAULT_WORKSPACE_ID } from '../../server/storage/entities/workspace.entity';
import { COMMERCE_REPORTS, commerceTable } from '../../bench/commerce-events';
import { backends, closeTestServer, gql, openTestServer, type TestStorage } from './helpers/server';

/** More events than one slice, so the TEXT user ids cross to the worker in slices. */
const ROWS = SLICE_LENGTH + 5000;

/** Every field of a type, nested (fields with required arguments left out): the whole report is compared. */
function fullSelection(schema: GraphQLSchema, typeName: string): string {
  const type = schema.getType(typeName) as GraphQLObjectType;
  const fields = Object.values(type.getFields()).filter((f) => !f.args.some((a) => isNonNullType(a.type)));
  return `{ ${fields
    .map((f) => {
      const named = getNamedType(f.type);
      return named instanceof GraphQLObjectType ? `${f.name} ${fullSelection(schema, named.name)}` : f.name;
    })
    .join(' ')} }`;
}

/** Each report's query and input over the stored events (`id`), one of each, with an inline table where it takes one. */
function reports(id: string): { query: string; type: string; inputType: string; input: Record<string, unknown> }[] {
  return [
    {
      query: 'funnel',
      type: 'FunnelReport',
      inputType: 'FunnelInput',
      input: {
        datasetId: id,
        ...COMMERCE_REPORTS.funnel,
        attributes: {
          table: {
            header: ['user', 'plan'],
            rows: Array.from({ length: 300 }, (_, u) => [`u${u}`, u % 3 ? 'free' : 'pro']),
          },
          userColumn: 'user',
          column: 'plan',
        },
      },
    },
    {
      query: 'channels',
      type: 'ChannelReport',
      inputType: 'ChannelInput',
      input: {
        datasetId: id,
        ...COMMERCE_REPORTS.channels,
        margin: 0.6,
        lifetimeMonths: 12,
        costs: {
          table: {
            header: ['channel', 'spend'],
            rows: [
              ['Google', 12_000],
              ['Meta', 8000],
              ['Email', 900],
            ],
          },
          channelColumn: 'channel',
          spendColumn: 'spend',
        },
      },
    },
    {
      query: 'experiment',
      type: 'ExperimentReport',
      inputType: 'ExperimentInput',
      input: { datasetId: id, ...COMMERCE_REPORTS.experiment, segmentColumns: ['device'] },
    },
    {
      query: 'periodComparison',
      type: 'PeriodComparison',
      inputType: 'PeriodComparisonInput',
      input: { datasetId: id, ...COMMERCE_REPORTS.periodComparison },
    },
    {
      query: 'correlations',
      type: 'CorrelationReport',
      inputType: 'CorrelationInput',
      input: { datasetId: id, ...COMMERCE_REPORTS.correlations, target: 'revenue' },
    },
    {
      query: 'cohorts',
      type: 'CohortReport',
      inputType: 'CohortInput',
      input: { datasetId: id, ...COMMERCE_REPORTS.cohorts },
    },
  ];
}

describe.each(backends())('reports in the worker pool and on the event loop over HTTP on %s', (backend) => {
  const schema = buildSchema(readFileSync(join(projectRoot(), 'schema', 'schema.graphql'), 'utf8'));
  const servers: { storage: TestStorage; server: RunningServer; id: string }[] = [];

  beforeAll(async () => {
    // The same events on two servers: one computes every report in place, the other hands every one to its pool.
    for (const poolMinCells of [Number.MAX_SAFE_INTEGER, 0]) {
      const { storage, server } = await openTestServer(backend, { poolThreads: 1, poolMinCells });
      servers.push({ storage, server, id: '' });
      servers[servers.length - 1].id = (
        await server.services.datasets.store(DEFAULT_WORKSPACE_ID, 'events', commerceTable(ROWS, 6000))
      ).id;
    }
  });
  afterAll(async () => {
    for (const { server, storage } of servers) await closeTestServer(server, storage);
  });

  test('every report answers exactly the same in the pool as on the event loop', async () => {
    const [inline, pooled] = servers;
    for (const [i, report] of reports('').entries()) {
      const selection = fullSelection(schema, report.type);
      const document = `query($input: ${report.inputType}!) { ${report.query}(input: $input) ${selection} }`;
      const [a, b] = await Promise.all(
        [inline, pooled].map(({ server, id }) => gql(server.url, document, { input: { ...reports(id)[i].input } })),
      );
      expect(a.errors).toBeUndefined();
      expect(b.errors).toBeUndefined();
      expect(b.data).toEqual(a.data);
    }
    expect(inline.server.services.analyses.pool.stats.completed).toBe(0);
    expect(pooled.server.services.analyses.pool.stats.completed).toBe(6);
  });

  test('a report’s bad input gets the same BAD_USER_INPUT error from the pool', async () => {
    const pooledBefore = servers[1].server.services.analyses.pool.stats.completed;
    const document = 'query($input: CohortInput!) { cohorts(input: $input) { customers } }';
    const [a, b] = await Promise.all(
      servers.map(({ server, id }) =>
        gql(server.url, document, { input: { datasetId: id, customerColumn: 'user', dateColumn: 'revenue' } }),
      ),
    );
    expect(a.errors).toHaveLength(1);
    expect(a.errors![0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(a.errors![0].message).toMatch(/dateColumn/);
    expect(b.errors).toEqual(a.errors);
    expect(servers[1].server.services.analyses.pool.stats.completed).toBe(pooledBefore + 1);
  });
});

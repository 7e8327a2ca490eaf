import type { GraphQLSchema } from 'graphql';
import type { RunningServer } from '../../server/bootstrap';
import { buildQuadrantSchema } from '../../server/graphql/schema';
import { backends, closeTestServer, gql, openTestServer, type TestStorage } from './helpers/server';
import {
  columnFieldNames,
  idPaths,
  operationDocument,
  operationsOf,
  sampleValue,
  type IdPath,
  type Operation,
} from './helpers/schema-operations';

/** A table with every column any input names (`userColumn` → "user"), so analyses get as far as their joins. */
function testTable(schema: GraphQLSchema): { header: string[]; rows: (string | number)[][] } {
  const header = columnFieldNames(schema);
  const text = new Set([
    'user',
    'customer',
    'key',
    'step',
    'variant',
    'period',
    'channel',
    'segment',
    'breakdown',
    'column',
  ]);
  const rows = Array.from({ length: 40 }, (_, i) =>
    header.map((c) => {
      if (c === 'user' || c === 'customer' || c === 'key') return `u${i % 20}`;
      if (c === 'date' || c === 'time') return `2025-0${1 + (i % 9)}-1${i % 10}`;
      if (text.has(c)) return i % 2 ? 'a' : 'b';
      if (c === 'converted' || c === 'conversion') return i % 3 === 0 ? 1 : 0;
      return ((i * 37) % 11) + i / 7;
    }),
  );
  return { header, rows };
}

interface Workspace {
  key: string;
  datasetId: string;
  runId: string;
  secrets: string[];
}

describe.each(backends())('workspaces on %s: a key reaches only its own workspace', (backend) => {
  let storage: TestStorage;
  let server: RunningServer;
  let schema: GraphQLSchema;
  let attacker: Workspace;
  let victim: Workspace;

  async function makeWorkspace(name: string): Promise<Workspace> {
    const { key } = await server.services.apiKeys.create(`${name} key`, name);
    const secret = `${name}-secret-dataset`;
    const imported = await gql(
      server.url,
      'mutation($input: ImportDatasetInput!) { importDataset(input: $input) { id } }',
      { input: { name: secret, table: testTable(schema) } },
      key,
    );
    const datasetId = imported.data!.importDataset.id as string;
    const run = await gql(
      server.url,
      'mutation($input: SegmentInput!) { segment(input: $input) { id } }',
      { input: { datasetId, name: `${name}-secret-run`, features: ['a', 'amount'], k: 2, keyColumn: 'user' } },
      key,
    );
    expect(run.errors).toBeUndefined();
    const runId = run.data!.segment.id as string;
    return { key, datasetId, runId, secrets: [datasetId, runId, secret, `${name}-secret-run`] };
  }

  function idFor(op: Operation, owner: Workspace, path: IdPath): string {
    const slot = path[path.length - 1];
    const isRun = /segmentation/i.test(slot) || (slot === 'id' && /segmentation/i.test(op.name));
    return isRun ? owner.runId : owner.datasetId;
  }

  async function expectNoLeak(op: Operation, variables: Record<string, unknown>): Promise<void> {
    const res = await gql(server.url, operationDocument(op), variables, attacker.key);
    const data = JSON.stringify(res.data ?? null);
    for (const secret of victim.secrets)
      expect({ op: op.name, variables, data }).not.toMatchObject({ data: expect.stringContaining(secret) });
    if (idPaths(op).length === 0) return;
    const codes = (res.errors ?? []).map((e) => e.extensions?.code);
    const value = res.data?.[op.name];
    // Nothing: null, an empty list, or `false` from a mutation that did nothing (as for an id that never existed).
    const empty =
      value === null || value === undefined || value === false || (Array.isArray(value) && value.length === 0);
    // NOT_FOUND, or nothing at all; never data and never another answer.
    const messages = (res.errors ?? []).map((e) => e.message);
    expect({ op: op.name, variables, messages, codes, empty: codes.length > 0 || empty }).toEqual({
      op: op.name,
      variables,
      messages,
      codes: codes.length ? codes.map(() => 'NOT_FOUND') : [],
      empty: true,
    });
  }

  beforeAll(async () => {
    ({ storage, server } = await openTestServer(backend));
    schema = await buildQuadrantSchema();
    attacker = await makeWorkspace('attacker');
    victim = await makeWorkspace('victim');
  });
  afterAll(() => closeTestServer(server, storage));

  it("every query and mutation given the other workspace's ids answers NOT_FOUND or nothing", async () => {
    const ops = operationsOf(schema);
    expect(ops.map((o) => o.name)).toEqual(
      expect.arrayContaining(['dataset', 'segmentation', 'deleteDataset', 'funnel']),
    );
    for (const op of ops) {
      const paths = idPaths(op);
      // The rows' own dataset (and every required ID) belongs to the victim: the first lookup must fail.
      const all: Record<string, unknown> = {};
      const rowSources = paths.filter((p) => p.length <= 2 && p[p.length - 1] === 'datasetId');
      for (const arg of op.field.args) {
        all[arg.name] = sampleValue(arg.type, [arg.name], { id: (p) => idFor(op, victim, p) }, rowSources);
      }
      await expectNoLeak(op, all);
      // Each ID slot alone belongs to the victim, the rest to the attacker (a join on another workspace's run).
      for (const path of paths) {
        const one: Record<string, unknown> = {};
        const owner = (p: IdPath) => (p.join('.') === path.join('.') ? victim : attacker);
        // A join on another workspace's run names the column to join on (userColumn / keyColumn beside it).
        const siblings = (p: IdPath) =>
          /segmentation/i.test(path[path.length - 1]) &&
          p.length === path.length &&
          p.slice(0, -1).join('.') === path.slice(0, -1).join('.') &&
          /^(user|key)Column$/.test(p[p.length - 1]);
        for (const arg of op.field.args) {
          one[arg.name] = sampleValue(arg.type, [arg.name], { id: (p) => idFor(op, owner(p), p), include: siblings }, [
            path,
            ...rowSources,
          ]);
        }
        await expectNoLeak(op, one);
      }
    }
  });

  it("the other workspace's data is still there, whole", async () => {
    const res = await gql(
      server.url,
      '{ datasets { id name rowCount } segmentations { id name } }',
      undefined,
      victim.key,
    );
    expect(res.data).toEqual({
      datasets: [{ id: victim.datasetId, name: 'victim-secret-dataset', rowCount: 40 }],
      segmentations: [{ id: victim.runId, name: 'victim-secret-run' }],
    });
  });

  it('the same operations with its own ids reach its own data (so the NOT_FOUNDs above are not an accident)', async () => {
    const dataset = await gql(
      server.url,
      'query($id: ID!) { dataset(id: $id) { name } }',
      { id: attacker.datasetId },
      attacker.key,
    );
    expect(dataset.data!.dataset).toEqual({ name: 'attacker-secret-dataset' });
    const funnel = await gql(
      server.url,
      'query($input: FunnelInput!) { funnel(input: $input) { users breakdown { value } } }',
      {
        input: {
          datasetId: attacker.datasetId,
          userColumn: 'user',
          stepColumn: 'step',
          steps: ['a', 'b'],
          segmentationId: attacker.runId,
        },
      },
      attacker.key,
    );
    expect(funnel.errors).toBeUndefined();
    expect(funnel.data!.funnel.users).toBe(10);
    expect(funnel.data!.funnel.breakdown.length).toBeGreaterThan(0);
  });
});

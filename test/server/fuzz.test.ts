import fc from 'fast-check';
import type { GraphQLArgument, GraphQLSchema } from 'graphql';
import type { RunningServer } from '../../server/bootstrap';
import { buildQuadrantSchema } from '../../server/graphql/schema';
import { closeTestServer, gql, openTestServer, type TestStorage } from './helpers/server';
import { idPaths, operationDocument, operationsOf, sampleValue, type Operation } from './helpers/schema-operations';

/**
 * Property-based fuzzing over real HTTP: every answer to a malformed request is a GraphQL error with one of GUIDE
 * §3's codes other than INTERNAL_SERVER_ERROR (or a valid answer), and the server keeps answering /health.
 * QUADRANT_FUZZ_RUNS sets the runs per property (default 20, seconds in CI; try 2000 for a long run) and
 * QUADRANT_FUZZ_SEED the seed (fixed by default, so CI is deterministic; a failure prints the seed and path to replay).
 */
const RUNS = Number(process.env.QUADRANT_FUZZ_RUNS ?? 20);
const SEED = Number(process.env.QUADRANT_FUZZ_SEED ?? 20261130);
const settings = { numRuns: RUNS, seed: SEED };
const CLIENT_CODES = ['BAD_USER_INPUT', 'NOT_FOUND', 'UNAUTHENTICATED', 'FORBIDDEN', 'LIMIT_EXCEEDED'];

const IMPORT =
  'mutation($input: ImportDatasetInput!) { importDataset(input: $input) { id rowCount columns { name type } } }';

/** Cells as a spreadsheet or a careless script sends them. */
const oddText = fc.oneof(
  fc.constantFrom(
    'NaN',
    'Infinity',
    '-Infinity',
    '1e309',
    '-1e-400',
    '0x1F',
    '١٢٣',
    '𝟙𝟚',
    '\u0000',
    '\uFEFFid',
    '\u202Eabc',
    'NA',
    '#N/A',
    '',
    ' ',
    '"',
    '\\',
    '\r\n',
  ),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
);
const cell = fc.oneof(
  fc.double(),
  fc.constantFrom(Number.MAX_VALUE, Number.MIN_VALUE, -0, 1e308, 5e-324, 2 ** 53 + 1),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  oddText,
);
const header = fc.array(fc.oneof(fc.constantFrom('id', 'x', 'x', 'y', ''), oddText), { minLength: 0, maxLength: 6 });
const raggedTable = fc.record({
  header,
  rows: fc.array(fc.array(cell, { maxLength: 8 }), { maxLength: 30 }),
});
/** Values of every JSON shape, to put where an argument expects something else. */
const wrongValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(1e308, -1, 2 ** 31, 'x'.repeat(300), [], {}, [[[]]], true),
);

describe('fuzzing over HTTP: malformed input never crashes the server', () => {
  let storage: TestStorage;
  let server: RunningServer;
  let schema: GraphQLSchema;
  let datasetId: string;
  let runId: string;

  beforeAll(async () => {
    ({ storage, server } = await openTestServer('sqlite', {
      bodyLimitBytes: 2 * 1024 * 1024,
      limits: { maxRows: 5000, maxColumns: 40, maxCells: 50_000, maxDepth: 16, maxComplexity: 2000 },
    }));
    schema = await buildQuadrantSchema();
    const csv =
      'user,step,x,y,date\n' +
      Array.from(
        { length: 60 },
        (_, i) => `u${i % 9},${'ab'[i % 2]},${i},${(i * 7) % 13},2025-01-${1 + (i % 28)}`,
      ).join('\n');
    datasetId = (await gql(server.url, IMPORT, { input: { name: 'fuzz', csv } })).data!.importDataset.id;
    const run = await gql(server.url, 'mutation($i: SegmentInput!) { segment(input: $i) { id } }', {
      i: { datasetId, features: ['x', 'y'], k: 2, keyColumn: 'user' },
    });
    runId = run.data!.segment.id;
  });
  afterAll(() => closeTestServer(server, storage));

  /** The invariant: an answer with data, or errors whose codes are all client codes; /health still answers. */
  async function expectHandled(res: { status: number; data?: unknown; errors?: { extensions?: { code?: string } }[] }) {
    if (res.errors?.length) {
      for (const e of res.errors) expect(CLIENT_CODES).toContain(e.extensions?.code);
    } else {
      expect(res.data).toBeTruthy();
    }
  }
  async function expectAlive() {
    const health = await fetch(`${server.url}/health`);
    expect(health.status).toBe(200);
  }

  it('random CSV bytes, ragged lines and odd Unicode import or answer BAD_USER_INPUT', async () => {
    const csvText = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 400 }),
      fc
        .array(fc.array(fc.oneof(oddText, fc.double().map(String)), { maxLength: 7 }), { maxLength: 25 })
        .map((rows) => rows.map((r) => r.join(',')).join('\n')),
    );
    await fc.assert(
      fc.asyncProperty(csvText, fc.oneof(oddText, fc.constant('ok')), async (csv, name) => {
        await expectHandled(await gql(server.url, IMPORT, { input: { name, csv } }));
      }),
      settings,
    );
    await expectAlive();
  });

  it('ragged inline tables with huge, tiny, NaN/Infinity cells and duplicate headers, through every analysis', async () => {
    const takesRows = operationsOf(schema).filter((op) => withTable(op, sampleArgs(op, datasetId), []) !== null);
    expect(takesRows.map((op) => op.name)).toEqual(expect.arrayContaining(['importDataset', 'segment', 'funnel']));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...takesRows), raggedTable, async (op, table) => {
        const variables = withTable(op, sampleArgs(op, datasetId), table)!;
        await expectHandled(await gql(server.url, operationDocument(op), variables));
      }),
      settings,
    );
    await expectAlive();
  });

  /** Valid-looking arguments for an operation: sample values, this suite's dataset and run as ids. */
  function sampleArgs(op: Operation, dataset: string): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const paths = idPaths(op).filter((p) => p.length <= 2);
    for (const arg of op.field.args as GraphQLArgument[]) {
      out[arg.name] = sampleValue(
        arg.type,
        [arg.name],
        { id: (p) => (/segmentation/i.test(p[p.length - 1]) || /egmentation/.test(op.name) ? runId : dataset) },
        paths.filter((p) => p[p.length - 1] !== 'segmentationId'),
      );
    }
    return out;
  }

  /** The arguments with the rows given inline instead of by datasetId; null when the operation takes no rows. */
  function withTable(op: Operation, args: Record<string, unknown>, table: unknown): Record<string, unknown> | null {
    const input = args.input as Record<string, unknown> | undefined;
    if (!input || typeof input !== 'object' || !('datasetId' in input || op.name === 'importDataset')) return null;
    const copy: Record<string, unknown> = { ...input, table };
    delete copy.datasetId;
    return { ...args, input: copy };
  }

  it('a wrong type in any argument (at any depth) of any operation answers a client error', async () => {
    const ops = new Map(
      operationsOf(schema)
        .filter((op) => op.field.args.length > 0)
        .map((op) => [op.name, op]),
    );
    // Shrinks to (operation name, argument path, value): short counterexamples that read as a regression test.
    const target = fc
      .constantFrom(...ops.keys())
      .chain((name) =>
        fc.tuple(fc.constant(name), fc.constantFrom(...leafPaths(sampleArgs(ops.get(name)!, datasetId))), wrongValue),
      );
    await fc.assert(
      fc.asyncProperty(target, async ([name, path, value]) => {
        const op = ops.get(name)!;
        const variables = setPath(sampleArgs(op, datasetId), path, value);
        await expectHandled(await gql(server.url, operationDocument(op), variables));
      }),
      settings,
    );
    await expectAlive();
  });

  it('deeply nested and heavily aliased queries answer LIMIT_EXCEEDED or a valid answer', async () => {
    const nested = fc.integer({ min: 1, max: 60 }).map((depth) => {
      let body = 'name';
      for (let i = 0; i < depth; i++) body = i % 2 ? `ofType { ${body} }` : `fields { type { ${body} } }`;
      return `{ __type(name: "Segmentation") { ${body} } }`;
    });
    const aliased = fc
      .tuple(
        fc.integer({ min: 1, max: 400 }),
        fc.constantFrom(
          'datasets { id name }',
          'segmentations { id labels }',
          `dataset(id: "${'0'.repeat(8)}") { id }`,
        ),
      )
      .map(([n, field]) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`);
    await fc.assert(
      fc.asyncProperty(fc.oneof(nested, aliased), async (query) => {
        await expectHandled(await gql(server.url, query));
      }),
      settings,
    );
    await expectAlive();
  });

  it('huge inline tables answer LIMIT_EXCEEDED naming the limit, or are analysed', async () => {
    const big = fc.record({ rows: fc.integer({ min: 1, max: 8000 }), columns: fc.integer({ min: 1, max: 60 }) });
    await fc.assert(
      fc.asyncProperty(big, async ({ rows, columns }) => {
        const head = Array.from({ length: columns }, (_, j) => `c${j}`);
        const table = {
          header: head,
          rows: Array.from({ length: rows }, (_, i) => head.map((_h, j) => (i * (j + 1)) % 97)),
        };
        const res = await gql(server.url, IMPORT, { input: { name: 'big', table } });
        await expectHandled(res);
        const overLimit = rows > 5000 || columns > 40 || rows * columns > 50_000;
        if (overLimit) expect(res.errors?.[0]?.extensions?.code).toMatch(/LIMIT_EXCEEDED/);
      }),
      { ...settings, numRuns: Math.max(5, Math.ceil(RUNS / 4)) },
    );
    await expectAlive();
  });
});

type Path = (string | number)[];
function leafPaths(value: unknown, path: Path = []): Path[] {
  if (Array.isArray(value)) return [path, ...value.flatMap((v, i) => leafPaths(v, [...path, i]))];
  if (value && typeof value === 'object') {
    return [path, ...Object.entries(value).flatMap(([k, v]) => leafPaths(v, [...path, k]))].filter((p) => p.length > 0);
  }
  return [path];
}
function setPath(root: Record<string, unknown>, path: Path, value: unknown): Record<string, unknown> {
  let node = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1]] = value;
  return root;
}

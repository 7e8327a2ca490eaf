import type { RunningServer } from '../../server/bootstrap';
import { DEFAULT_WORKSPACE_ID } from '../../server/storage/entities/workspace.entity';
import { backends, gql, startTestServer, type TestStorage, openTestServer, closeTestServer } from './helpers/server';

const IMPORT = `mutation Import($input: ImportDatasetInput!) {
  importDataset(input: $input) { id name rowCount columns { name type missingCount levels } }
}`;
const DATASET = `query One($id: ID!, $offset: Int, $limit: Int) {
  dataset(id: $id) { id name rowCount rows(offset: $offset, limit: $limit) { offset limit total header rows } }
}`;

describe.each(backends())('datasets over HTTP on %s', (backend) => {
  let storage: TestStorage;
  let server: RunningServer;

  beforeAll(async () => ({ storage, server } = await openTestServer(backend)));
  afterAll(() => closeTestServer(server, storage));

  it('importDataset(csv) infers column types and counts missing values', async () => {
    const csv =
      'customer,signup,region,ltv,converted\nc1,2025-01-03,EU,"$1,200.50",yes\nc2,2025-02-11,US,,no\nc3,2025-02-12,EU,300,yes\nc4,2025-03-01,EU,#N/A,no\n';
    const res = await gql(server.url, IMPORT, { input: { name: 'CRM export', csv } });
    expect(res.errors).toBeUndefined();
    const dataset = res.data!.importDataset;
    expect(dataset.rowCount).toBe(4);
    expect(dataset.columns).toEqual([
      { name: 'customer', type: 'TEXT', missingCount: 0, levels: null },
      { name: 'signup', type: 'DATE', missingCount: 0, levels: null },
      { name: 'region', type: 'CATEGORY', missingCount: 0, levels: ['EU', 'US'] },
      { name: 'ltv', type: 'NUMBER', missingCount: 2, levels: null },
      { name: 'converted', type: 'BOOLEAN', missingCount: 0, levels: null },
    ]);
    const page = await gql(server.url, DATASET, { id: dataset.id, offset: 1, limit: 2 });
    expect(page.data!.dataset.rows).toEqual({
      offset: 1,
      limit: 2,
      total: 4,
      header: ['customer', 'signup', 'region', 'ltv', 'converted'],
      rows: [
        ['c2', '2025-02-11', 'US', null, false],
        ['c3', '2025-02-12', 'EU', 300, true],
      ],
    });
  });

  it('importDataset(table) takes cells as Excel returns them, with a forced column type', async () => {
    const res = await gql(server.url, IMPORT, {
      input: {
        name: 'Selection',
        table: {
          header: ['id', 'region', 'minutes'],
          rows: [
            ['a', 0, 12.5],
            ['b', 2, ''],
            ['c', 1, 3],
            ['d', 1, 4],
          ],
        },
        types: [{ column: 'region', type: 'CATEGORY' }],
      },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.importDataset.columns.map((c: { type: string }) => c.type)).toEqual([
      'TEXT',
      'CATEGORY',
      'NUMBER',
    ]);
    expect(res.data!.importDataset.columns[1].levels).toEqual(['0', '2', '1']);
  });

  it('a preview page spans chunk boundaries and pages past the end come back empty', async () => {
    const n = 70000; // more than one 65,536-row chunk
    const lines = ['i,sq,label'];
    for (let i = 0; i < n; i++) lines.push(`${i},${i * i},r${i}`);
    const res = await gql(server.url, IMPORT, { input: { name: 'Big', csv: lines.join('\n') } });
    const id = res.data!.importDataset.id;
    const expected = [65534, 65535, 65536, 65537].map((i) => [i, i ** 2, `r${i}`]);
    const page = await gql(server.url, DATASET, { id, offset: 65534, limit: 4 });
    expect(page.data!.dataset.rows.rows).toEqual(expected);
    // Read again, now from the decoded-chunk cache: the same rows.
    expect(server.services.datasets.chunkCache.size.chunks).toBeGreaterThanOrEqual(6);
    const again = await gql(server.url, DATASET, { id, offset: 65534, limit: 4 });
    expect(again.data!.dataset.rows.rows).toEqual(expected);
    const first = await gql(server.url, DATASET, { id, offset: 0, limit: 2 });
    expect(first.data!.dataset.rows.rows).toEqual([
      [0, 0, 'r0'],
      [1, 1, 'r1'],
    ]);
    const past = await gql(server.url, DATASET, { id, offset: n + 5, limit: 10 });
    expect(past.data!.dataset.rows.rows).toEqual([]);
    const load = async () => {
      const table = await server.services.datasets.loadTable(DEFAULT_WORKSPACE_ID, id, ['sq', 'label']);
      const [sq, label] = table.columns;
      if (sq.type !== 'NUMBER' || label.type !== 'TEXT') throw new Error(`${sq.type} ${label.type}`);
      return { sq: sq.values, label: label.values };
    };
    const loaded = await load();
    expect(loaded.sq.length).toBe(n);
    expect(loaded.sq[n - 1]).toBe((n - 1) ** 2);
    expect(loaded.label[n - 1]).toBe(`r${n - 1}`);
    // What a read returns is the caller's own: an analysis may overwrite it or move it to a worker thread.
    loaded.sq.fill(-1);
    (loaded.label as (string | null)[]).fill(null);
    structuredClone(loaded.sq.buffer, { transfer: [loaded.sq.buffer] });
    const reloaded = await load();
    expect(reloaded.sq[70]).toBe(4900);
    expect(reloaded.label[70]).toBe('r70');
    expect(reloaded.sq[n - 1]).toBe((n - 1) ** 2);
  });

  it('datasets lists imports oldest first and deleteDataset removes one with its rows', async () => {
    const a = await gql(server.url, IMPORT, { input: { name: 'to delete', csv: 'x\n1\n2\n' } });
    const id = a.data!.importDataset.id;
    const before = await gql(server.url, '{ datasets { id name } }');
    expect(before.data!.datasets.map((d: { id: string }) => d.id)).toContain(id);
    // Read once, so its chunks are in the decoded-chunk cache: deleting must still make it unreadable.
    const read = await gql(server.url, DATASET, { id, limit: 5 });
    expect(read.data!.dataset.rows.rows).toEqual([[1], [2]]);
    const del = await gql(server.url, 'mutation($id: ID!) { deleteDataset(id: $id) }', { id });
    expect(del.data).toEqual({ deleteDataset: true });
    const after = await gql(server.url, DATASET, { id, limit: 5 });
    expect(after.data!.dataset).toBeNull();
    await expect(server.services.datasets.loadTable(DEFAULT_WORKSPACE_ID, id)).rejects.toMatchObject({
      extensions: { code: 'NOT_FOUND' },
    });
    const chunks = await server.dataSource.query(
      'SELECT COUNT(*) AS n FROM dataset_chunk WHERE dataset_id = $1'.replace('$1', backend === 'sqlite' ? '?' : '$1'),
      [id],
    );
    expect(Number(chunks[0].n)).toBe(0);
  });

  it('a dataset survives a restart of the server', async () => {
    const res = await gql(server.url, IMPORT, { input: { name: 'Durable', csv: 'k,v\na,1\nb,2\n' } });
    const id = res.data!.importDataset.id;
    await server.close();
    server = await startTestServer(storage);
    const back = await gql(server.url, DATASET, { id, limit: 10 });
    expect(back.data!.dataset).toMatchObject({
      name: 'Durable',
      rowCount: 2,
      rows: {
        rows: [
          ['a', 1],
          ['b', 2],
        ],
      },
    });
  });
});

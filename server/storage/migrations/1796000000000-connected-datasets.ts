import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Connected datasets: a catalogue row that points at a table, view or query of the warehouse instead of holding
 * chunks. `source` is STORED (every existing row) or CONNECTED; `definition` is the JSON `{ "table": … }` or
 * `{ "sql": … }` the dataset was connected with, null for stored datasets.
 */
export class ConnectedDatasets1796000000000 implements MigrationInterface {
  name = 'ConnectedDatasets1796000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('dataset', [
      new TableColumn({ name: 'source', type: 'varchar', length: '10', default: "'STORED'" }),
      new TableColumn({ name: 'definition', type: 'text', isNullable: true }),
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('dataset', 'definition');
    await q.dropColumn('dataset', 'source');
  }
}

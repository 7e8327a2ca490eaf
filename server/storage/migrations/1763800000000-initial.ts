import { Table, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { binaryType } from '../column-types';

/** Workspaces, the dataset catalogue, column chunks and settings. */
export class Initial1763800000000 implements MigrationInterface {
  name = 'Initial1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'workspace',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'created_at', type: 'varchar', length: '30' },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'dataset',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'workspace_id', type: 'varchar', length: '36' },
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'row_count', type: 'integer' },
          { name: 'chunk_rows', type: 'integer' },
          { name: 'columns', type: 'text' },
          { name: 'created_at', type: 'varchar', length: '30' },
        ],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ['workspace_id'],
            referencedTableName: 'workspace',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
        indices: [new TableIndex({ columnNames: ['workspace_id', 'created_at'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'dataset_chunk',
        columns: [
          { name: 'dataset_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'column_index', type: 'integer', isPrimary: true },
          { name: 'chunk_index', type: 'integer', isPrimary: true },
          { name: 'data', type: binaryType(q) },
        ],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ['dataset_id'],
            referencedTableName: 'dataset',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'app_setting',
        columns: [
          { name: 'key', type: 'varchar', length: '100', isPrimary: true },
          { name: 'value', type: 'text' },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('app_setting');
    await q.dropTable('dataset_chunk');
    await q.dropTable('dataset');
    await q.dropTable('workspace');
  }
}

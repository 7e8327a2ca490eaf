import { Table, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { binaryType } from '../column-types';

/**
 * Segmentation and RFM runs: a catalogue row per run and its per-row arrays in chunks. Deleting a dataset or a
 * workspace deletes its runs, and deleting a run its arrays (foreign keys ON DELETE CASCADE).
 */
export class Segmentations1795379931000 implements MigrationInterface {
  name = 'Segmentations1795379931000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'segmentation',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'workspace_id', type: 'varchar', length: '36' },
          { name: 'dataset_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'name', type: 'varchar', length: '200', isNullable: true },
          { name: 'kind', type: 'varchar', length: '10' },
          { name: 'method', type: 'varchar', length: '10' },
          { name: 'k', type: 'integer' },
          { name: 'row_count', type: 'integer' },
          { name: 'silhouette', type: 'double precision', isNullable: true },
          { name: 'inertia', type: 'double precision', isNullable: true },
          { name: 'recommended_k', type: 'integer', isNullable: true },
          { name: 'elbow_k', type: 'integer', isNullable: true },
          { name: 'recommendation_reason', type: 'text' },
          { name: 'k_selection', type: 'text' },
          { name: 'segments', type: 'text' },
          { name: 'feature_names', type: 'text' },
          { name: 'warnings', type: 'text' },
          { name: 'parameters', type: 'text' },
          { name: 'dropped_row_count', type: 'integer' },
          { name: 'outlier_row_count', type: 'integer' },
          { name: 'linkage_leaves', type: 'integer', isNullable: true },
          { name: 'as_of', type: 'varchar', length: '30', isNullable: true },
          { name: 'window_start', type: 'varchar', length: '30', isNullable: true },
          { name: 'window_months', type: 'integer', isNullable: true },
          { name: 'excluded_customers', type: 'integer', isNullable: true },
          { name: 'created_at', type: 'varchar', length: '30' },
        ],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ['workspace_id'],
            referencedTableName: 'workspace',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
          new TableForeignKey({
            columnNames: ['dataset_id'],
            referencedTableName: 'dataset',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
        indices: [
          new TableIndex({ columnNames: ['workspace_id', 'created_at'] }),
          new TableIndex({ columnNames: ['dataset_id'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'segmentation_array',
        columns: [
          { name: 'segmentation_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'name', type: 'varchar', length: '30', isPrimary: true },
          { name: 'chunk_index', type: 'integer', isPrimary: true },
          { name: 'workspace_id', type: 'varchar', length: '36' },
          { name: 'data', type: binaryType(q) },
        ],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ['segmentation_id'],
            referencedTableName: 'segmentation',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('segmentation_array');
    await q.dropTable('segmentation');
  }
}

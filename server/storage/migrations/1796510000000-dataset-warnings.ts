import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * What an import warned of (formulas read as their cached values, say), kept with the dataset so the analyst sees it
 * whenever the dataset is listed, not only in the import's answer. Null for datasets stored before (no warnings).
 */
export class DatasetWarnings1796510000000 implements MigrationInterface {
  name = 'DatasetWarnings1796510000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('dataset', new TableColumn({ name: 'warnings', type: 'text', isNullable: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('dataset', 'warnings');
  }
}

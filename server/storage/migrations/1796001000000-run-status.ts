import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Background runs: a run's status (RUNNING | DONE | FAILED | CANCELLED), progress 0..1, error message and the
 * heartbeat of the server computing it. Runs stored before background runs existed are DONE with progress 1.
 */
export class RunStatus1796001000000 implements MigrationInterface {
  name = 'RunStatus1796001000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('segmentation', [
      new TableColumn({ name: 'status', type: 'varchar', length: '10', default: "'DONE'" }),
      new TableColumn({ name: 'progress', type: 'double precision', default: 1 }),
      new TableColumn({ name: 'error', type: 'text', isNullable: true }),
      new TableColumn({ name: 'heartbeat_at', type: 'varchar', length: '30', isNullable: true }),
    ]);
    // The sweep for runs whose server is gone reads RUNNING rows only.
    await q.createIndex('segmentation', new TableIndex({ columnNames: ['status'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    const table = await q.getTable('segmentation');
    const index = table?.indices.find((i) => i.columnNames.length === 1 && i.columnNames[0] === 'status');
    if (index) await q.dropIndex('segmentation', index);
    await q.dropColumns('segmentation', ['heartbeat_at', 'error', 'progress', 'status']);
  }
}

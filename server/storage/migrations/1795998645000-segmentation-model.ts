import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * segmentation.model: what assignSegments needs to put new rows into a run's segments (fill values, log1p columns,
 * levels, scaling, centroids) as JSON. Null for runs stored before it existed and for RFM runs.
 */
export class SegmentationModel1795998645000 implements MigrationInterface {
  name = 'SegmentationModel1795998645000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('segmentation', new TableColumn({ name: 'model', type: 'text', isNullable: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('segmentation', 'model');
  }
}

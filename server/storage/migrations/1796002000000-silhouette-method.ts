import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * How a run's silhouette was computed: EXACT over every row or SAMPLED (with the sample size and the standard error
 * of the sampled mean). Null for runs stored before, whose silhouettes were all exact but not labelled so.
 */
export class SilhouetteMethod1796002000000 implements MigrationInterface {
  name = 'SilhouetteMethod1796002000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('segmentation', [
      new TableColumn({ name: 'silhouette_method', type: 'varchar', length: '10', isNullable: true }),
      new TableColumn({ name: 'silhouette_sample_size', type: 'integer', isNullable: true }),
      new TableColumn({ name: 'silhouette_standard_error', type: 'double precision', isNullable: true }),
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumns('segmentation', ['silhouette_standard_error', 'silhouette_sample_size', 'silhouette_method']);
  }
}

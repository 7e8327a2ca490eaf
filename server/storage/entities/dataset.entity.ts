import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ColumnType } from '../../../shared/table/types';

/** What the catalogue knows of a column without reading its chunks. */
export interface StoredColumn {
  name: string;
  type: ColumnType;
  /** CATEGORY only: the levels its codes point into. */
  levels?: string[];
  missingCount: number;
}

/** A stored table: its catalogue row. The values live column by column in `dataset_chunk`. */
@Entity('dataset')
@Index(['workspaceId', 'createdAt'])
export class DatasetEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'workspace_id', type: 'varchar', length: 36 })
  workspaceId!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ name: 'row_count', type: 'integer' })
  rowCount!: number;

  /** Rows per chunk, so a reader knows which chunks hold a row range. */
  @Column({ name: 'chunk_rows', type: 'integer' })
  chunkRows!: number;

  @Column({ type: 'simple-json' })
  columns!: StoredColumn[];

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt!: string;
}

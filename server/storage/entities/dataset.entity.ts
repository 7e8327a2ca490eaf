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

export type DatasetSourceKind = 'STORED' | 'CONNECTED';

/**
 * A table or view of the warehouse (optionally schema-qualified), or a query wrapped as a subquery. `owned`: a table
 * Quadrant created by importing into the warehouse, dropped with the dataset.
 */
export type ConnectedDefinition =
  { table: string; sql?: undefined; owned?: boolean } | { sql: string; table?: undefined; owned?: undefined };

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

  /** STORED: values in `dataset_chunk`. CONNECTED: read from the warehouse at every analysis. */
  @Column({ type: 'varchar', length: 10, default: 'STORED' })
  source!: DatasetSourceKind;

  /** CONNECTED only: what was connected, `{ table }` or `{ sql }`; null for stored datasets. */
  @Column({ type: 'simple-json', nullable: true })
  definition!: ConnectedDefinition | null;

  /** What the import warned of (formulas read as cached values, …); null when it warned of nothing. */
  @Column({ type: 'simple-json', nullable: true })
  warnings!: string[] | null;
}

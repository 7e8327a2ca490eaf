import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Every stored dataset and run belongs to a workspace; API keys will scope requests to one (next issues). */
@Entity('workspace')
export class WorkspaceEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt!: string;
}

/** The workspace requests use until workspaces and API keys arrive. */
export const DEFAULT_WORKSPACE_ID = '00000000-0000-4000-8000-000000000001';

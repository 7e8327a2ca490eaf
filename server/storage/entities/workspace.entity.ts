import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Every stored dataset and run belongs to a workspace; an API key scopes every request to one. */
@Entity('workspace')
export class WorkspaceEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt!: string;
}

/** The workspace of the open single-user mode (loopback, no keys) and of keys created without --workspace. */
export const DEFAULT_WORKSPACE_ID = '00000000-0000-4000-8000-000000000001';
export const DEFAULT_WORKSPACE_NAME = 'Demo workspace';

import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { InputError } from '../../shared/errors';
import { DEFAULT_WORKSPACE_ID, DEFAULT_WORKSPACE_NAME, WorkspaceEntity } from '../storage/entities/workspace.entity';
import { generateApiKey, hashApiKey, looksLikeApiKey, shownPrefix } from './api-key-secret';

/** A key as `keys list` shows it: never the key itself, which is not stored. */
export interface ApiKeyInfo {
  id: string;
  name: string;
  workspaceId: string;
  workspaceName: string;
  prefix: string;
  createdAt: string;
  revokedAt: string | null;
}

interface ApiKeyRow {
  id: string;
  workspace_id: string;
  workspace_name: string;
  name: string;
  key_prefix: string;
  created_at: string;
  revoked_at: string | null;
}

const TABLE = 'api_key';

/**
 * API keys over the `api_key` table (reached through the query builder, like the chunk tables, so the storage
 * module's entity list stays as it is). Works on SQLite and PostgreSQL, from the server and from the keys CLI while
 * the server runs.
 */
export class ApiKeyService {
  /** Once a key exists the answer never changes back (keys are revoked, not deleted), so it is remembered. */
  private keysExist = false;

  constructor(private readonly dataSource: DataSource) {}

  /**
   * Creates a key for the named workspace (created if new; the default workspace when no name is given). The key is
   * returned once, here; only its hash is kept.
   */
  async create(name: string, workspaceName?: string): Promise<{ key: string; info: ApiKeyInfo }> {
    const trimmed = name.trim();
    if (trimmed === '' || trimmed.length > 200) throw new InputError('name: give a key name of 1 to 200 characters');
    const key = generateApiKey();
    const now = new Date().toISOString();
    const id = randomUUID();
    const workspace = await this.dataSource.transaction(async (m) => {
      const where = workspaceName === undefined ? { id: DEFAULT_WORKSPACE_ID } : { name: workspaceName };
      let ws = await m.getRepository(WorkspaceEntity).findOneBy(where);
      if (!ws) {
        ws = Object.assign(new WorkspaceEntity(), {
          id: workspaceName === undefined ? DEFAULT_WORKSPACE_ID : randomUUID(),
          name: workspaceName ?? DEFAULT_WORKSPACE_NAME,
          createdAt: now,
        });
        await m.insert(WorkspaceEntity, ws);
      }
      await m
        .createQueryBuilder()
        .insert()
        .into(TABLE, ['id', 'workspace_id', 'name', 'key_hash', 'key_prefix', 'created_at', 'revoked_at'])
        .values({
          id,
          workspace_id: ws.id,
          name: trimmed,
          key_hash: hashApiKey(key),
          key_prefix: shownPrefix(key),
          created_at: now,
          revoked_at: null,
        })
        .execute();
      return ws;
    });
    this.keysExist = true;
    return {
      key,
      info: {
        id,
        name: trimmed,
        workspaceId: workspace.id,
        workspaceName: workspace.name,
        prefix: shownPrefix(key),
        createdAt: now,
        revokedAt: null,
      },
    };
  }

  async list(): Promise<ApiKeyInfo[]> {
    const rows: ApiKeyRow[] = await this.dataSource
      .createQueryBuilder()
      .select([
        'k.id AS id',
        'k.workspace_id AS workspace_id',
        'w.name AS workspace_name',
        'k.name AS name',
        'k.key_prefix AS key_prefix',
        'k.created_at AS created_at',
        'k.revoked_at AS revoked_at',
      ])
      .from(TABLE, 'k')
      .innerJoin('workspace', 'w', 'w.id = k.workspace_id')
      .orderBy('k.created_at', 'ASC')
      .getRawMany();
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      workspaceId: r.workspace_id,
      workspaceName: r.workspace_name,
      prefix: r.key_prefix,
      createdAt: r.created_at,
      revokedAt: r.revoked_at,
    }));
  }

  /** Revokes a key by id; false when no such key, or it was already revoked. */
  async revoke(id: string): Promise<boolean> {
    const result = await this.dataSource.transaction((m) =>
      m
        .createQueryBuilder()
        .update(TABLE)
        .set({ revoked_at: new Date().toISOString() })
        .where('id = :id AND revoked_at IS NULL', { id })
        .execute(),
    );
    return (result.affected ?? 0) > 0;
  }

  /** The workspace a key grants, or null for a malformed, unknown or revoked key. */
  async workspaceOf(key: string): Promise<string | null> {
    if (!looksLikeApiKey(key)) return null;
    const row: { workspace_id: string } | undefined = await this.dataSource
      .createQueryBuilder()
      .select('k.workspace_id AS workspace_id')
      .from(TABLE, 'k')
      .where('k.key_hash = :hash AND k.revoked_at IS NULL', { hash: hashApiKey(key) })
      .getRawOne();
    return row?.workspace_id ?? null;
  }

  /** Whether any key was ever created (revoked ones count: revoking the last key must not reopen the server). */
  async anyKeyExists(): Promise<boolean> {
    if (this.keysExist) return true;
    const row = await this.dataSource.createQueryBuilder().select('1 AS one').from(TABLE, 'k').limit(1).getRawOne();
    this.keysExist = row !== undefined;
    return this.keysExist;
  }
}

import { resolve } from 'node:path';
import { formatBytes, readConfig } from '../config';
import { backupStore, restoreStore } from '../storage/sqlite-backup';

/**
 * `npm run backup -- FILE` (while the server runs) and `npm run restore -- FILE` (server stopped): the SQLite store
 * of QUADRANT_DB. PostgreSQL stores are backed up with PostgreSQL's own tools (pg_dump / pg_restore).
 */
export async function backupCli(command: 'backup' | 'restore', args: string[], env = process.env): Promise<string> {
  const config = readConfig(env);
  if (config.databaseUrl) {
    throw new Error(
      `${command} covers the SQLite store; for PostgreSQL (QUADRANT_DATABASE_URL) use pg_dump / pg_restore`,
    );
  }
  if (args.length !== 1 || args[0].startsWith('-')) throw new Error(`usage: npm run ${command} -- FILE`);
  const file = resolve(args[0]);
  const store = resolve(config.sqlitePath);
  if (command === 'backup') {
    const s = await backupStore(store, file);
    return `Backed up ${store} to ${file}: ${s.datasets} datasets, ${s.segmentations} runs, ${formatBytes(s.bytes)}, integrity ok.`;
  }
  const { summary: s, kept } = await restoreStore(store, file);
  return (
    `Restored ${store} from ${file}: ${s.datasets} datasets, ${s.segmentations} runs.` +
    (kept ? ` The previous store is kept as ${kept}.` : '')
  );
}

if (require.main === module) {
  const [command, ...args] = process.argv.slice(2);
  backupCli(command as 'backup' | 'restore', args)
    .then((line) => console.log(line))
    .catch((error: unknown) => {
      console.error(`${command}: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    });
}

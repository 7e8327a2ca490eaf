import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

/** The file beside a SQLite store that says which server process has it open. */
export function pidFileOf(sqlitePath: string): string {
  return `${sqlitePath}.server.pid`;
}

/**
 * Marks a SQLite store as in use by this process until `release` is called, so `npm run restore` can refuse to swap
 * the file under a running server. A server killed without closing leaves the file behind; it names a process that
 * no longer exists, which `runningServerPid` treats as no server.
 */
export function holdStore(sqlitePath: string): () => void {
  if (sqlitePath === ':memory:') return () => undefined;
  const file = pidFileOf(sqlitePath);
  writeFileSync(file, `${process.pid}\n`);
  return () => {
    if (existsSync(file) && readFileSync(file, 'utf8').trim() === String(process.pid)) rmSync(file, { force: true });
  };
}

/** The pid of a live server process holding the store, or null. */
export function runningServerPid(sqlitePath: string): number | null {
  const file = pidFileOf(sqlitePath);
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else — still a live holder.
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? pid : null;
  }
}

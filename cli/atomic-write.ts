/**
 * Writes a file so that it appears only when complete: the bytes go to a hidden temporary file in the same folder
 * (same file system, so the rename is atomic), which is then renamed over the target. On any failure the temporary
 * file is removed and the error names the path and the reason in one line. A target that Excel has open (its owner
 * file `~$name.xlsx` sits beside it) is refused rather than replaced under Excel's feet.
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { access, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../shared/errors';

/** Temporary files being written, removed if the process is interrupted. */
const pending = new Set<string>();
let cleanupInstalled = false;

/**
 * @throws InputError naming `path` when the folder is missing or not writable, the target is a folder or is open in
 *   Excel, or the disk refuses the bytes.
 */
export async function writeFileAtomically(path: string, bytes: Uint8Array): Promise<void> {
  const folder = dirname(path);
  const name = basename(path);
  if (await exists(join(folder, `~$${name}`))) {
    throw new InputError(`${path}: the file is open in Excel (lock file ~$${name}); close it or choose another --out`);
  }
  const target = await stat(path).catch(() => null);
  if (target?.isDirectory()) throw new InputError(`${path}: is a folder; give a file name for --out`);
  installCleanup();
  const temporary = join(folder, `.${name}.${randomBytes(4).toString('hex')}.tmp`);
  pending.add(temporary);
  try {
    await writeFile(temporary, bytes, { flag: 'wx' });
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw new InputError(`${path}: cannot write the file (${reason(error)})`);
  } finally {
    pending.delete(temporary);
  }
}

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'the folder does not exist';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EBUSY':
      return 'the file is in use';
    case 'EROFS':
      return 'read-only file system';
    case 'ENOSPC':
      return 'the disk is full';
    case 'ENOTDIR':
      return 'a part of the path is not a folder';
    default:
      return (error as Error).message;
  }
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

function installCleanup(): void {
  if (cleanupInstalled) return;
  cleanupInstalled = true;
  process.once('exit', () => {
    for (const file of pending) rmSync(file, { force: true });
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      for (const file of pending) rmSync(file, { force: true });
      process.exit(130);
    });
  }
}

import 'reflect-metadata';
import { Command, CommanderError } from 'commander';
import { ApiKeyService } from '../auth/api-key.service';
import { readConfig } from '../config';
import { openDataSource } from '../storage/data-source';

/**
 * `npm run keys -- create NAME [--workspace NAME]` / `list` / `revoke ID`: API keys in the configured storage
 * (QUADRANT_DB or QUADRANT_DATABASE_URL), safe to run while the server runs. `create` prints the key once, alone on
 * its last line, so scripts can take it with `tail -n 1`.
 */
export function keysProgram(print: (line: string) => void, env: NodeJS.ProcessEnv = process.env): Command {
  async function withKeys<T>(work: (keys: ApiKeyService) => Promise<T>): Promise<T> {
    const dataSource = await openDataSource(readConfig(env));
    try {
      return await work(new ApiKeyService(dataSource));
    } finally {
      await dataSource.destroy();
    }
  }

  const program = new Command('keys').description('Quadrant API keys: each grants one workspace').exitOverride();

  program
    .command('create')
    .argument('<name>', 'what the key is for, e.g. "Excel – Ana"')
    .option('--workspace <name>', 'the workspace the key grants (created if new); default: the demo workspace')
    .description('create a key and print it once (only its hash is stored)')
    .action(async (name: string, options: { workspace?: string }) => {
      const { key, info } = await withKeys((keys) => keys.create(name, options.workspace));
      print(`Created key ${info.id} "${info.name}" for workspace "${info.workspaceName}".`);
      print('Send it as "Authorization: Bearer <key>". It is shown only now; store it safely:');
      print(key);
    });

  program
    .command('list')
    .description('list keys (id, prefix, name, workspace, created, revoked)')
    .action(async () => {
      const list = await withKeys((keys) => keys.list());
      if (list.length === 0) {
        print('No API keys. The server is open only on loopback (HOST=127.0.0.1) until one is created.');
        return;
      }
      for (const k of list) {
        const state = k.revokedAt ? `revoked ${k.revokedAt}` : 'active';
        print(
          `${k.id}  ${k.prefix}…  ${JSON.stringify(k.name)}  workspace ${JSON.stringify(k.workspaceName)}  ` +
            `created ${k.createdAt}  ${state}`,
        );
      }
    });

  program
    .command('revoke')
    .argument('<id>', 'the key id shown by create and list')
    .description('revoke a key at once (requests with it answer UNAUTHENTICATED)')
    .action(async (id: string) => {
      if (!(await withKeys((keys) => keys.revoke(id)))) throw new Error(`no active key with id ${id}`);
      print(`Revoked key ${id}.`);
    });
  return program;
}

if (require.main === module) {
  keysProgram((line) => console.log(line))
    .parseAsync()
    .catch((error: unknown) => {
      // commander has already printed its own usage errors and help; ours get one line.
      if (error instanceof CommanderError) process.exit(error.exitCode);
      console.error(`keys: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    });
}

import 'reflect-metadata';
import { resolve } from 'node:path';
import { formatBytes, readConfig } from './config';
import { startServer } from './bootstrap';

/** `npm start`: migrate, seed the demo workspace on first start, listen, and say where to go. */
async function main(): Promise<void> {
  const config = readConfig();
  const running = await startServer(config);
  const storage = config.databaseUrl
    ? 'PostgreSQL (QUADRANT_DATABASE_URL)'
    : `SQLite file ${resolve(config.sqlitePath)}`;
  console.log(
    [
      `Quadrant is running at ${running.url}`,
      `  GraphQL IDE   ${running.url}/graphql   (open it in a browser)`,
      `  GraphQL API   POST ${running.url}/graphql`,
      `  Health        ${running.url}/health`,
      `  Excel add-in  ${running.url}/addin/taskpane.html`,
      `  Storage       ${storage}`,
      `  Body limit    ${formatBytes(config.bodyLimitBytes)}`,
      'Press Ctrl-C to stop.',
    ].join('\n'),
  );
  const stop = async () => {
    await running.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error('Quadrant failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});

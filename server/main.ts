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
  // SIGTERM (a service manager, a container stop) and Ctrl-C: finish what is in flight, then close storage cleanly.
  const stop = async (signal: string) => {
    running.logger.warn(
      { signal, graceSeconds: config.shutdownGraceMs / 1000 },
      'stopping: finishing requests in flight',
    );
    try {
      await running.close(config.shutdownGraceMs);
      running.logger.warn('stopped cleanly');
      process.exit(0);
    } catch (error) {
      running.logger.error({ err: error }, 'stopping failed');
      process.exit(1);
    }
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error('Quadrant failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});

#!/usr/bin/env node
// Bundles the analysis worker (server/pool/analysis-worker.ts and the core it runs) into
// dist/worker/analysis-worker.js with esbuild. Run by `npm run build:server` and by the jest global setup, so the
// server finds the same worker in production and under ts-jest (which cannot load a .ts file in a worker thread).
// The worker may import only shared/ and server/pool/: nothing with decorators, nothing that touches storage.
import { build } from 'esbuild';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const workerFile = join(root, 'dist', 'worker', 'analysis-worker.js');

/** Refuses an import that would pull server code (decorators, storage) into the worker. */
const coreOnly = {
  name: 'core-only',
  setup(b) {
    b.onResolve({ filter: /^\./ }, (args) => {
      const target = relative(root, resolve(args.resolveDir, args.path));
      if (!/^(shared|server[\\/]pool)[\\/]/.test(target)) {
        return { errors: [{ text: `the analysis worker may import only shared/ and server/pool/, not ${target}` }] };
      }
      return undefined;
    });
  },
};

export async function buildWorker() {
  await build({
    entryPoints: [join(root, 'server', 'pool', 'analysis-worker.ts')],
    outfile: workerFile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
    plugins: [coreOnly],
  });
  return workerFile;
}

// Run as a script (not imported): no top-level await, so jest can load this file through require().
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildWorker().catch((error) => {
    console.error(error.message ?? error);
    process.exit(1);
  });
}

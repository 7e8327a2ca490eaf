#!/usr/bin/env node
// Bundles the task pane (addin/src/taskpane.ts → addin/dist/taskpane.js, one ES2019 script for Office's webviews)
// and creates any missing icon in addin/assets. `node addin/build.mjs [--outdir <dir>]`.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ASSETS_DIR, ICON_SIZES, iconFileName, makeIcons } from './scripts/make-icons.mjs';

const ADDIN_DIR = dirname(fileURLToPath(import.meta.url));

/** Bundles the pane into `outdir` (default addin/dist) and returns the bundle's path. */
export async function buildAddin({ outdir = join(ADDIN_DIR, 'dist') } = {}) {
  const outfile = join(outdir, 'taskpane.js');
  await build({
    entryPoints: [join(ADDIN_DIR, 'src', 'taskpane.ts')],
    outfile,
    bundle: true,
    format: 'iife',
    // Excel on older Windows builds runs panes in a webview without ES2020 syntax.
    target: 'es2019',
    minify: false,
    sourcemap: true,
    logLevel: 'warning',
  });
  if (ICON_SIZES.some((size) => !existsSync(join(ASSETS_DIR, iconFileName(size))))) makeIcons(ASSETS_DIR);
  return outfile;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--outdir');
  const outfile = await buildAddin(at > 0 ? { outdir: resolve(process.argv[at + 1]) } : {});
  console.log(`built ${outfile}`);
}

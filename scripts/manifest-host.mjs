#!/usr/bin/env node
// `npm run manifest -- --host https://quadrant.example.com [--out <file>]`: rewrites every URL of manifest.xml
// (pane, icons) from the local development server to `host`, for a deployment. Writes manifest.xml in place unless
// --out names another file. Office loads add-ins over HTTPS only, so the host must be https.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, URL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const option = (name) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
};

const fail = (message) => {
  console.error(`manifest: ${message}`);
  process.exit(1);
};
const given = option('--host');
if (!given) fail('give the deployment with --host https://your.server[:port]');
let host;
try {
  host = new URL(given);
} catch {
  fail(`--host "${given}" is not a URL`);
}
if (host.protocol !== 'https:')
  fail(`--host must be https (Office loads add-ins over HTTPS only), got ${host.protocol}`);
if (host.pathname !== '/' || host.search || host.hash) fail(`--host is the server's origin only, got "${given}"`);

const source = join(ROOT, 'manifest.xml');
const out = resolve(option('--out') ?? source);
const xml = readFileSync(source, 'utf8');
// Every URL of the manifest points at the server that serves /addin/: replace its origin, keep the path.
const urls = /(DefaultValue=")(https:\/\/[^/"]+)(\/addin\/[^"]*")/g;
let count = 0;
const rewritten = xml.replace(urls, (_, before, _origin, path) => {
  count++;
  return `${before}${host.origin}${path}`;
});
if (count === 0) fail('manifest.xml has no /addin/ URL to rewrite');
writeFileSync(out, rewritten);
console.log(`manifest: ${count} URLs now on ${host.origin} → ${out}`);

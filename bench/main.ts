import 'reflect-metadata';
import type { BenchResult, BenchSuite } from './types';
import { suite as e2eSuite } from './e2e';
import { suite as experimentSuite } from './experiment';
import { suite as funnelSuite } from './funnel';
import { suite as importSuite } from './import';
import { suite as segmentSuite } from './segment';

/**
 * `npm run bench`: races our kernels against peers in the same process and prints ratios (peer time / our time:
 * above 1 means we are faster). `npm run bench -- import segment` runs only the named suites.
 */
const suites: Record<string, BenchSuite> = {
  segment: segmentSuite,
  import: importSuite,
  funnel: funnelSuite,
  experiment: experimentSuite,
  e2e: e2eSuite,
};

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const names = wanted.length ? wanted : Object.keys(suites);
  const unknown = names.filter((n) => !suites[n]);
  if (unknown.length)
    throw new Error(`unknown suite ${unknown.join(', ')}; the suites are ${Object.keys(suites).join(', ')}`);
  const rows: BenchResult[] = [];
  for (const name of names) {
    console.log(`running ${name} …`);
    const results = await suites[name]();
    for (const r of results) console.log(`  ${line(r)}`);
    rows.push(...results);
  }
  console.log('\nsummary');
  for (const r of rows) console.log(`  ${line(r)}`);
}

function line(r: BenchResult): string {
  const ours = `${r.oursMs.toFixed(r.oursMs < 10 ? 2 : 0)} ms`;
  const versus =
    r.peer && r.peerMs !== null
      ? `; ${r.peer} ${r.peerMs.toFixed(r.peerMs < 10 ? 2 : 0)} ms; ratio ${(r.peerMs / r.oursMs).toFixed(1)}×`
      : '';
  return `${r.name}: ours ${ours}${versus}${r.notes ? ` (${r.notes})` : ''}`;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

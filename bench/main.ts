import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import type { BenchResult, BenchSuite } from './types';
import { suite as e2eSuite } from './e2e';
import { suite as customersSuite } from './customers';
import { suite as experimentSuite } from './experiment';
import { suite as funnelSuite } from './funnel';
import { suite as importSuite } from './import';
import { suite as poolSuite } from './pool';
import { suite as segmentSuite } from './segment';
import { suite as warehouseSuite } from './warehouse';

/**
 * `npm run bench`: races our kernels against peers in the same run and prints ratios (peer time / our time: above
 * 1 means we are faster). `npm run bench -- --suite segment` (or `npm run bench -- segment import`, or
 * QUADRANT_BENCH_SUITES=segment,import) runs only the named suites. Each suite's rows replace that suite's rows in
 * bench/results.json, which the README's Performance table is read from.
 */
const suites: Record<string, BenchSuite> = {
  segment: segmentSuite,
  import: importSuite,
  funnel: funnelSuite,
  experiment: experimentSuite,
  e2e: e2eSuite,
  customers: customersSuite,
  warehouse: warehouseSuite,
  pool: poolSuite,
};

const RESULTS = resolve(__dirname, '..', '..', 'bench', 'results.json');

interface ResultsFile {
  machine: string;
  suites: Record<string, { measuredAt: string; raced: boolean; results: BenchResult[] }>;
}

function wantedSuites(argv: string[]): string[] {
  const names: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--suite') names.push(argv[++i] ?? '');
    else if (argv[i].startsWith('--suite=')) names.push(argv[i].slice('--suite='.length));
    else names.push(argv[i]);
  }
  if (names.length === 0 && process.env.QUADRANT_BENCH_SUITES) {
    names.push(...process.env.QUADRANT_BENCH_SUITES.split(',').map((s) => s.trim()));
  }
  return names.length ? names : Object.keys(suites);
}

async function main(): Promise<void> {
  const names = wantedSuites(process.argv.slice(2));
  const unknown = names.filter((n) => !suites[n]);
  if (unknown.length)
    throw new Error(`unknown suite ${unknown.join(', ')}; the suites are ${Object.keys(suites).join(', ')}`);
  const file = readResults();
  const rows: BenchResult[] = [];
  for (const name of names) {
    console.log(`running ${name} …`);
    const results = await suites[name]();
    if (results.length === 0) {
      // A suite that could not run here (the warehouse without PostgreSQL) keeps the rows of its last run.
      console.log(`  ${name}: no rows measured; bench/results.json keeps the earlier ones`);
      continue;
    }
    rows.push(...results);
    file.suites[name] = {
      measuredAt: new Date().toISOString(),
      raced: Boolean(process.env.QUADRANT_BENCH_PYTHON),
      results,
    };
    writeFileSync(RESULTS, JSON.stringify(file, null, 2) + '\n');
  }
  console.log('\nsummary (ratio = peer time / our time; above 1 we are faster)');
  console.log(table(rows));
  console.log(`\nwritten to ${RESULTS}`);
}

function readResults(): ResultsFile {
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}`;
  try {
    const file = JSON.parse(readFileSync(RESULTS, 'utf8')) as ResultsFile;
    return { machine, suites: file.suites ?? {} };
  } catch {
    return { machine, suites: {} };
  }
}

function ms(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  return value < 10 ? value.toFixed(2) : value < 1000 ? value.toFixed(0) : Math.round(value).toLocaleString('en-US');
}

function figure(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  return Math.abs(value) >= 1000 ? value.toExponential(6) : Number.isInteger(value) ? String(value) : value.toFixed(4);
}

/** The rows as a Markdown table: time, peer, ratio, quality and peak memory side by side. */
export function table(rows: BenchResult[]): string {
  const lines = [
    '| measured | ours ms | peer | peer ms | ratio | quality (ours / peer) | peak MB (ours / peer) |',
    '| --- | ---: | --- | ---: | ---: | --- | --- |',
  ];
  for (const r of rows) {
    const raced = r.peer !== null && r.peerMs !== null;
    const peer = r.peer === null ? '–' : raced ? r.peer : `${r.peer} (not raced)`;
    const ratio = raced ? `${((r.peerMs as number) / r.oursMs).toFixed(2)}×` : '–';
    const quality = r.quality ? `${r.quality.label} ${figure(r.quality.ours)} / ${figure(r.quality.peer)}` : '';
    const memory = r.oursPeakMb === undefined ? '' : `${r.oursPeakMb.toFixed(0)} / ${ms(r.peerPeakMb ?? null)}`;
    const notes = r.notes ? ` — ${r.notes}` : '';
    lines.push(
      `| ${r.name}${notes} | ${ms(r.oursMs)} | ${peer} | ${ms(r.peerMs)} | ${ratio} | ${quality} | ${memory} |`,
    );
  }
  return lines.join('\n');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

import { papaCsvTable, tableFromCsv } from '../shared/table/from-csv';
import { createRng } from '../shared/random';
import { withTempStore } from './temp-store';
import type { BenchResult, BenchSuite } from './types';

const ROWS = 1_000_000;
/** The goal for CSV import into SQLite on this 2-core machine. */
const GOAL_ROWS_PER_SECOND = 300_000;

/** A 1M-row × 10-column CSV shaped like a CRM export: ids, dates, categories, money, counts, flags. */
export function syntheticCsv(rows: number, seed = 1): string {
  const rng = createRng(seed);
  const channels = ['Facebook', 'Google', 'LinkedIn', 'Direct', 'E-mail', 'Referral'];
  const regions = ['Western Europe', 'North America', 'Asia-Pacific'];
  const lines = ['customer_id,signup_date,channel,region,ltv,minutes_watched,sessions,converted,score,plan'];
  const day = 86400000;
  const start = Date.UTC(2024, 0, 1);
  for (let i = 0; i < rows; i++) {
    const date = new Date(start + Math.floor(rng.next() * 700) * day).toISOString().slice(0, 10);
    lines.push(
      `C${100000 + i},${date},${channels[rng.int(6)]},${regions[rng.int(3)]},${(rng.next() * 2000).toFixed(2)},` +
        `${rng.int(600)},${rng.int(40)},${rng.next() < 0.2 ? 1 : 0},${rng.normal().toFixed(4)},${rng.next() < 0.7 ? 'basic' : 'pro'}`,
    );
  }
  return lines.join('\n');
}

/** CSV text → typed Table → SQLite file (one transaction), then the whole table read back. */
export const suite: BenchSuite = async () => {
  const csv = syntheticCsv(ROWS);
  return withTempStore(async (datasets, workspaceId) => {
    const t0 = performance.now();
    const table = tableFromCsv(csv);
    const t1 = performance.now();
    const dataset = await datasets.store(workspaceId, 'bench', table);
    const t2 = performance.now();
    const back = await datasets.loadTable(workspaceId, dataset.id);
    const t3 = performance.now();
    if (back.rowCount !== ROWS) throw new Error(`read back ${back.rowCount} rows`);
    const rate = ROWS / ((t2 - t0) / 1000);
    const results: BenchResult[] = [
      {
        name: `CSV import 1M×10 into SQLite (parse ${Math.round(t1 - t0)} ms + store ${Math.round(t2 - t1)} ms)`,
        oursMs: t2 - t0,
        peer: null,
        peerMs: null,
        notes: `${Math.round(rate).toLocaleString('en-US')} rows/s; goal ≥ ${GOAL_ROWS_PER_SECOND.toLocaleString('en-US')} rows/s: ${rate >= GOAL_ROWS_PER_SECOND ? 'met' : 'NOT met'}`,
      },
      { name: 'reload 1M×10 from SQLite (all columns)', oursMs: t3 - t2, peer: null, peerMs: null },
      parseRace(csv),
    ];
    return results;
  });
};

/** The plain-text parser against the Papa Parse path (quoted CSV takes it) on the same unquoted text, same run. */
function parseRace(csv: string): BenchResult {
  const t0 = performance.now();
  const papa = papaCsvTable(csv);
  const t1 = performance.now();
  const plain = tableFromCsv(csv);
  const t2 = performance.now();
  if (plain.rowCount !== papa.rowCount) throw new Error('the two CSV paths disagree on the row count');
  return {
    name: 'parse 1M×10 CSV: plain-text parser (unquoted CSV) vs the Papa Parse path',
    oursMs: t2 - t1,
    peer: 'Papa Parse path',
    peerMs: t1 - t0,
  };
}

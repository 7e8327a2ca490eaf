import { experimentReport } from '../shared/experiment/experiment-report';
import { createRng } from '../shared/random';
import type { Table } from '../shared/table/types';
import type { BenchSuite } from './types';

const ROWS = 1_000_000;
const RUNS = 5;

/**
 * One row per user as an A/B export holds it: CATEGORY variant (control, A, B), BOOLEAN conversion at about 10%,
 * NUMBER revenue for converters (blank otherwise) and a CATEGORY device to segment by.
 */
function experimentTable(seed: number): Table {
  const rng = createRng(seed);
  const variant = new Int32Array(ROWS);
  const converted = new Float64Array(ROWS);
  const revenue = new Float64Array(ROWS);
  const device = new Int32Array(ROWS);
  for (let i = 0; i < ROWS; i++) {
    variant[i] = rng.int(3);
    const rate = variant[i] === 0 ? 0.1 : variant[i] === 1 ? 0.104 : 0.099;
    converted[i] = rng.next() < rate ? 1 : 0;
    revenue[i] = converted[i] === 1 ? Math.round(Math.exp(3.5 + 0.8 * rng.normal()) * 100) / 100 : NaN;
    device[i] = rng.int(3);
  }
  return {
    rowCount: ROWS,
    columns: [
      { name: 'variant', type: 'CATEGORY', codes: variant, levels: ['control', 'A', 'B'] },
      { name: 'converted', type: 'BOOLEAN', values: converted },
      { name: 'revenue', type: 'NUMBER', values: revenue },
      { name: 'device', type: 'CATEGORY', codes: device, levels: ['web', 'ios', 'android'] },
    ],
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}

/** The full experiment report on 1M users × 3 variants with revenue and a 3-value segment column (no peer here). */
export const suite: BenchSuite = async () => {
  const table = experimentTable(1);
  const options = {
    variantColumn: 'variant',
    control: 'control',
    conversionColumn: 'converted',
    revenueColumn: 'revenue',
    segmentColumns: ['device'],
    pairwise: true,
  };
  experimentReport(table, options);
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const t0 = performance.now();
    experimentReport(table, options);
    times.push(performance.now() - t0);
  }
  const ms = median(times);
  return [
    {
      name: 'experiment report 1M users × 3 variants, revenue, 1 segment column',
      oursMs: ms,
      peer: null,
      peerMs: null,
      notes: `${Math.round(ROWS / (ms / 1000)).toLocaleString('en-US')} rows/s`,
    },
  ];
};

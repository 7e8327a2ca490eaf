import { cohorts } from '../shared/cohort/cohorts';
import { averageRanks } from '../shared/correlation/average-ranks';
import { correlations } from '../shared/correlation/correlations';
import { createRng } from '../shared/random';
import type { Column, Table } from '../shared/table/types';
import type { BenchResult, BenchSuite } from './types';

const ROWS = 1_000_000;
const DAY_MS = 86_400_000;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}

function time(runs: number, work: () => unknown): number {
  work();
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const t0 = performance.now();
    work();
    times.push(performance.now() - t0);
  }
  return median(times);
}

/** The textbook ranking our radix sort replaces: row indices sorted by a comparator, ties averaged. */
function comparatorRanks(values: Float64Array): Float64Array {
  const order = Array.from({ length: values.length }, (_, i) => i).sort((a, b) => values[a] - values[b]);
  const ranks = new Float64Array(values.length);
  for (let start = 0; start < order.length;) {
    let end = start + 1;
    while (end < order.length && values[order[end]] === values[order[start]]) end++;
    for (let i = start; i < end; i++) ranks[order[i]] = (start + 1 + end) / 2;
    start = end;
  }
  return ranks;
}

/** 1M customers: six amounts (one with 3% missing) and a 6-level channel (2% missing). */
function customerTable(): Table {
  const rng = createRng(7);
  const columns: Column[] = Array.from({ length: 6 }, (_, j) => ({
    name: `amount${j}`,
    type: 'NUMBER' as const,
    values: Float64Array.from({ length: ROWS }, () =>
      j === 0 && rng.next() < 0.03 ? NaN : Math.round(Math.exp(3 + rng.normal()) * 100) / 100,
    ),
  }));
  const codes = Int32Array.from({ length: ROWS }, () => (rng.next() < 0.02 ? -1 : rng.int(6)));
  columns.push({ name: 'channel', type: 'CATEGORY', codes, levels: ['a', 'b', 'c', 'd', 'e', 'f'] });
  return { rowCount: ROWS, columns };
}

/** 1M transactions of 50k customers over two and a half years. */
function transactionTable(): Table {
  const rng = createRng(8);
  const customer = Int32Array.from({ length: ROWS }, () => rng.int(50_000));
  const date = Float64Array.from({ length: ROWS }, () => Date.UTC(2024, 0, 1) + rng.int(900) * DAY_MS);
  const amount = Float64Array.from({ length: ROWS }, () => Math.round(rng.next() * 20000) / 100);
  return {
    rowCount: ROWS,
    columns: [
      {
        name: 'customer',
        type: 'CATEGORY',
        codes: customer,
        levels: Array.from({ length: 50_000 }, (_, i) => `C${i}`),
      },
      { name: 'date', type: 'DATE', values: date },
      { name: 'amount', type: 'NUMBER', values: amount },
    ],
  };
}

/** Ranks (radix sort against a comparator sort), a 1M-row Spearman matrix and 1M-row weekly cohorts. */
export const suite: BenchSuite = async () => {
  const results: BenchResult[] = [];
  const rng = createRng(9);
  const values = Float64Array.from({ length: ROWS }, () => Math.round(rng.normal() * 1e4) / 100);
  results.push({
    name: `averageRanks ${ROWS / 1e6}M values with ties`,
    oursMs: time(3, () => averageRanks(values)),
    peer: 'comparator sort of indices',
    peerMs: time(3, () => comparatorRanks(values)),
  });
  const customers = customerTable();
  const columns = customers.columns.map((c) => c.name);
  results.push({
    name: `correlations SPEARMAN ${ROWS / 1e6}M rows × 12 columns, missing values`,
    oursMs: time(1, () => correlations(customers, { columns, method: 'SPEARMAN' })),
    peer: null,
    peerMs: null,
  });
  const transactions = transactionTable();
  results.push({
    name: `cohorts WEEK ${ROWS / 1e6}M transactions, 50k customers`,
    oursMs: time(1, () =>
      cohorts(transactions, { customerColumn: 'customer', dateColumn: 'date', amountColumn: 'amount', period: 'WEEK' }),
    ),
    peer: null,
    peerMs: null,
  });
  return results;
};

import { Client } from 'pg';
import type { Context } from '../server/context';
import { AnalysisRunner } from '../server/analysis/analysis-runner';
import { AnalysisPool } from '../server/pool/analysis-pool';
import { ApiKeyService } from '../server/auth/api-key.service';
import { readConfig } from '../server/config';
import { DatasetService } from '../server/datasets/dataset.service';
import { SegmentationService } from '../server/segments/segmentation.service';
import { openDataSource } from '../server/storage/data-source';
import { DEFAULT_WORKSPACE_ID, WorkspaceEntity } from '../server/storage/entities/workspace.entity';
import { ConnectedDatasets } from '../server/warehouse/connected-datasets';
import { connectedFunnel } from '../server/warehouse/connected-funnel';
import { STATEMENT_STATS_MISSING, statementTotals } from '../server/warehouse/statement-stats';
import { Warehouse } from '../server/warehouse/warehouse';
import { importCsvToWarehouse } from '../server/warehouse/warehouse-import';
import type { FunnelInput } from '../server/funnels/funnel.input';
import { syntheticCsv } from './import';
import type { BenchResult, BenchSuite } from './types';

const CSV_ROWS = 1_000_000;
const EVENTS = 10_000_000;
const USERS = 2_000_000;
/** The goal for COPY into PostgreSQL. */
const GOAL_ROWS_PER_SECOND = 300_000;

/** The PostgreSQL the suite runs on: a role that may create a scratch database. */
function adminUrl(): string | null {
  return (
    process.env.QUADRANT_BENCH_PG_URL || process.env.QUADRANT_TEST_PG_URL || process.env.QUADRANT_DATABASE_URL || null
  );
}

/**
 * Warehouse-native work on a scratch PostgreSQL database (created and dropped here): the 1M × 10 CSV imported by
 * COPY (importDataset with warehouse: true), and the 10M-event funnel computed inside PostgreSQL on a connected
 * table, with the rows the driver brought back and those PostgreSQL counted (pg_stat_statements, when loaded). Runs only when a PostgreSQL URL is configured
 * (QUADRANT_BENCH_PG_URL, QUADRANT_TEST_PG_URL or QUADRANT_DATABASE_URL).
 */
export const suite: BenchSuite = async () => {
  const admin = adminUrl();
  if (!admin) {
    console.log('  warehouse: skipped (set QUADRANT_BENCH_PG_URL or QUADRANT_TEST_PG_URL to a PostgreSQL URL)');
    return [];
  }
  const name = `quadrant_bench_${process.pid}`;
  const adminClient = new Client({ connectionString: admin });
  await adminClient.connect();
  await adminClient.query(`CREATE DATABASE ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const dataSource = await openDataSource({ sqlitePath: ':memory:', databaseUrl: url.toString() });
  const warehouse = new Warehouse(url.toString());
  try {
    await dataSource
      .getRepository(WorkspaceEntity)
      .insert({ id: DEFAULT_WORKSPACE_ID, name: 'bench', createdAt: new Date().toISOString() });
    const connected = new ConnectedDatasets(dataSource, warehouse);
    const results: BenchResult[] = [];

    const csv = syntheticCsv(CSV_ROWS);
    const t0 = performance.now();
    const imported = await importCsvToWarehouse((work) => warehouse.write(work), csv);
    const t1 = performance.now();
    await connected.connect(DEFAULT_WORKSPACE_ID, 'bench csv', { table: imported.table, owned: true });
    const t2 = performance.now();
    const rate = CSV_ROWS / ((t1 - t0) / 1000);
    results.push({
      name: `CSV 1M×10 into PostgreSQL by COPY (${imported.path === 'csv' ? 'PostgreSQL parses the CSV' : 'typed by Quadrant'})`,
      oursMs: t1 - t0,
      peer: null,
      peerMs: null,
      notes:
        `${Math.round(rate).toLocaleString('en-US')} rows/s; goal ≥ ${GOAL_ROWS_PER_SECOND.toLocaleString('en-US')}: ` +
        `${rate >= GOAL_ROWS_PER_SECOND ? 'met' : 'NOT met'}; connecting it (types, counts) ${Math.round(t2 - t1)} ms more`,
    });

    await eventsTable(url.toString());
    const dataset = await connected.connect(DEFAULT_WORKSPACE_ID, 'bench events', { table: 'bench.events' });
    // The funnel runs in place (a pool of no threads): this bench measures the warehouse, not the pool.
    const analyses = new AnalysisRunner(new AnalysisPool({ threads: 0, minRows: Infinity }), 2 ** 31 - 1);
    const ctx: Context = {
      workspaceId: DEFAULT_WORKSPACE_ID,
      services: {
        apiKeys: new ApiKeyService(dataSource),
        datasets: new DatasetService(dataSource, connected),
        segmentations: new SegmentationService(dataSource, analyses),
        connected,
        analyses,
      },
      limits: readConfig({}).limits,
      request: { id: 'bench' },
    };
    const input = {
      datasetId: dataset.id,
      userColumn: 'user_id',
      stepColumn: 'step',
      timeColumn: 'ts',
      steps: ['visit', 'signup', 'trial', 'paid'],
      breakdownColumn: 'device',
    } as FunnelInput;
    const before = warehouse.rowsReturned;
    const statsBefore = await statementTotals(adminClient, name);
    const t3 = performance.now();
    const report = await connectedFunnel(ctx, { dataset, connected }, input);
    const t4 = performance.now();
    const statsAfter = await statementTotals(adminClient, name);
    const measured =
      statsBefore && statsAfter
        ? `; pg_stat_statements: ${(statsAfter.rows - statsBefore.rows).toLocaleString('en-US')} rows from ` +
          `${statsAfter.calls - statsBefore.calls} statements`
        : `; ${STATEMENT_STATS_MISSING}`;
    results.push({
      name: `funnel on a connected 10M-event table (4 steps, ORDERED, breakdown by device)`,
      oursMs: t4 - t3,
      peer: null,
      peerMs: null,
      notes:
        `${(warehouse.rowsReturned - before).toLocaleString('en-US')} rows returned to the server for ` +
        `${report.users.toLocaleString('en-US')} users at step 1${measured}`,
    });
    return results;
  } finally {
    await warehouse.close();
    await dataSource.destroy();
    // A plain DROP: PostgreSQL stops an autovacuum worker in that database itself; FORCE would refuse to for a
    // role that is not superuser.
    try {
      await adminClient.query(`DROP DATABASE IF EXISTS ${name}`);
    } finally {
      await adminClient.end();
    }
  }
};

/**
 * 10M events of 2M users, generated inside PostgreSQL with a fixed seed: steps weighted towards the top of the
 * funnel, times over 30 days, a device per event.
 */
async function eventsTable(url: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('SET max_parallel_workers_per_gather = 0');
    await client.query('SELECT setseed(0.42)');
    await client.query('CREATE SCHEMA bench');
    await client.query(`
      CREATE TABLE bench.events AS
      SELECT 'u' || (g % ${USERS}) AS user_id,
             (ARRAY['visit', 'visit', 'visit', 'signup', 'signup', 'trial', 'paid', 'other'])[1 + floor(random() * 8)::int] AS step,
             TIMESTAMPTZ '2025-01-01 00:00:00+00' + floor(random() * 30 * 86400) * INTERVAL '1 second' AS ts,
             (ARRAY['web', 'ios', 'android'])[1 + floor(random() * 3)::int] AS device
      FROM generate_series(1, ${EVENTS}) AS g`);
    await client.query('ANALYZE bench.events');
  } finally {
    await client.end();
  }
}

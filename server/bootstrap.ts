import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { DestinationStream, Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { tableFromCells } from '../shared/table/from-cells';
import { ApiKeyService } from './auth/api-key.service';
import type { Config } from './config';
import type { Services } from './context';
import { AnalysisRunner } from './analysis/analysis-runner';
import { DatasetService } from './datasets/dataset.service';
import { demoDatasets } from './demo';
import { createApp } from './http/app';
import { createLogger } from './logging/logger';
import { AnalysisPool } from './pool/analysis-pool';
import { SegmentationService } from './segments/segmentation.service';
import { openDataSource } from './storage/data-source';
import { holdStore } from './storage/store-lock';
import { AppSettingEntity } from './storage/entities/app-setting.entity';
import { DEFAULT_WORKSPACE_ID, DEFAULT_WORKSPACE_NAME, WorkspaceEntity } from './storage/entities/workspace.entity';
import { ConnectedDatasets } from './warehouse/connected-datasets';
import { Warehouse } from './warehouse/warehouse';

export interface RunningServer {
  url: string;
  logger: Logger;
  server: Server;
  dataSource: DataSource;
  services: Services;
  /** Stops listening, waits up to `graceMs` (default: as long as it takes) for requests in flight, closes storage. */
  close(graceMs?: number): Promise<void>;
}

const DEMO_SEEDED = 'demo_seeded';

/** Opens storage (migrating it), seeds the demo workspace on first start, and listens. */
export async function startServer(config: Config, logDestination?: DestinationStream): Promise<RunningServer> {
  const logger = createLogger(config.logLevel, logDestination);
  const dataSource = await openDataSource(config);
  const releaseStore = config.databaseUrl ? () => undefined : holdStore(config.sqlitePath);
  const warehouseUrl = config.warehouseUrl ?? config.databaseUrl;
  const warehouse = warehouseUrl ? new Warehouse(warehouseUrl, config.warehouseWorkMem) : null;
  const connected = warehouse ? new ConnectedDatasets(dataSource, warehouse) : null;
  const pool = new AnalysisPool({
    threads: config.poolThreads,
    minRows: config.poolMinRows,
    minCells: config.poolMinCells,
  });
  const analyses = new AnalysisRunner(pool, config.analysisTimeoutMs);
  const services: Services = {
    apiKeys: new ApiKeyService(dataSource),
    datasets: new DatasetService(dataSource, connected),
    segmentations: new SegmentationService(dataSource, analyses),
    connected,
    analyses,
  };
  await ensureDefaultWorkspace(dataSource);
  await services.segmentations.recoverOrphanedRuns();
  if (config.seedDemo) await seedDemo(dataSource, services);
  const { app, apollo } = await createApp(config, dataSource, services, logger);
  const tls = config.tlsCertPath && config.tlsKeyPath;
  const server: Server = tls
    ? createHttpsServer({ cert: readFileSync(config.tlsCertPath!), key: readFileSync(config.tlsKeyPath!) }, app)
    : createHttpServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  // Imports of large selections take longer than Node's default request timeouts allow for slow clients.
  server.requestTimeout = 10 * 60 * 1000;
  // Idle keep-alive connections stay open longer than a load balancer's usual 60 s idle timeout (closing first
  // resets requests the balancer is sending), and longer than a client may spend between two requests computing.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `${tls ? 'https' : 'http'}://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  return {
    url,
    logger,
    server,
    dataSource,
    services,
    async close(graceMs = Number.POSITIVE_INFINITY) {
      // Stop accepting, let requests in flight finish for up to graceMs, then cut the rest: their transactions roll
      // back when storage closes, so each one either completed or left nothing.
      const drained = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const cut = Number.isFinite(graceMs) ? setTimeout(() => server.closeAllConnections(), graceMs) : undefined;
      await drained;
      clearTimeout(cut);
      server.closeAllConnections();
      await apollo.stop();
      await services.segmentations.close();
      await pool.close();
      await warehouse?.close();
      await dataSource.destroy();
      releaseStore();
    },
  };
}

/** Creates the default workspace every request runs in, once. */
export async function ensureDefaultWorkspace(dataSource: DataSource): Promise<void> {
  if (await dataSource.getRepository(WorkspaceEntity).findOneBy({ id: DEFAULT_WORKSPACE_ID })) return;
  await dataSource.transaction((m) =>
    m.insert(WorkspaceEntity, {
      id: DEFAULT_WORKSPACE_ID,
      name: DEFAULT_WORKSPACE_NAME,
      createdAt: new Date().toISOString(),
    }),
  );
}

/**
 * Imports the synthetic demo datasets once. The marker stays after a user deletes demo data, so a restart never
 * brings back what they removed.
 */
async function seedDemo(dataSource: DataSource, services: Services): Promise<void> {
  const settings = dataSource.getRepository(AppSettingEntity);
  if (await settings.findOneBy({ key: DEMO_SEEDED })) return;
  const demos = demoDatasets();
  await dataSource.transaction(async (manager) => {
    for (const demo of demos) {
      await services.datasets.store(DEFAULT_WORKSPACE_ID, demo.name, tableFromCells(demo.header, demo.rows), manager);
    }
    await manager.insert(AppSettingEntity, { key: DEMO_SEEDED, value: new Date().toISOString() });
  });
}

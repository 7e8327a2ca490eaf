import type { ApiKeyService } from './auth/api-key.service';
import type { Limits } from './config';
import type { AnalysisRunner } from './analysis/analysis-runner';
import type { DatasetService } from './datasets/dataset.service';
import type { RequestLog } from './logging/request-log';
import type { SegmentationService } from './segments/segmentation.service';
import type { ConnectedDatasets } from './warehouse/connected-datasets';

/** What every resolver receives: the caller's workspace and the services over storage. */
export interface Context {
  workspaceId: string;
  services: Services;
  /** The configured row, column and cell limits an input must stay within. */
  limits: Limits;
  /** This request's log line (id, operation, workspace), filled in as it is served. */
  request: RequestLog;
  /** Aborts when the request's client disconnects before its answer is sent: long analyses stop then. */
  signal?: AbortSignal;
  /** Called as a long segmentation progresses (the command line's progress bar); the HTTP server sets none. */
  onProgress?: (done: number, total: number) => void;
}

export interface Services {
  apiKeys: ApiKeyService;
  datasets: DatasetService;
  segmentations: SegmentationService;
  /** Connected datasets over the warehouse; null when no PostgreSQL is configured. */
  connected: ConnectedDatasets | null;
  /** The worker pool with the analysis time limit (QUADRANT_ANALYSIS_TIMEOUT). */
  analyses: AnalysisRunner;
}

import type { AnalysisRunner } from './analysis/analysis-runner';
import type { DatasetService } from './datasets/dataset.service';
import type { SegmentationService } from './segments/segmentation.service';

/** What every resolver receives: the caller's workspace and the services over storage. */
export interface Context {
  workspaceId: string;
  services: Services;
  /** Aborts when the request's client disconnects before its answer is sent: long analyses stop then. */
  signal?: AbortSignal;
  /** Called as a long segmentation progresses (the command line's progress bar); the HTTP server sets none. */
  onProgress?: (done: number, total: number) => void;
}

export interface Services {
  datasets: DatasetService;
  segmentations: SegmentationService;
  /** The worker pool with the analysis time limit (QUADRANT_ANALYSIS_TIMEOUT). */
  analyses: AnalysisRunner;
}

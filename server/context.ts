import type { DatasetService } from './datasets/dataset.service';
import type { SegmentationService } from './segments/segmentation.service';
import type { ConnectedDatasets } from './warehouse/connected-datasets';

/** What every resolver receives: the caller's workspace and the services over storage. */
export interface Context {
  workspaceId: string;
  services: Services;
  /** Called as a long segmentation progresses (the command line's progress bar); the HTTP server sets none. */
  onProgress?: (done: number, total: number) => void;
}

export interface Services {
  datasets: DatasetService;
  segmentations: SegmentationService;
  /** Connected datasets over the warehouse; null when no PostgreSQL is configured. */
  connected: ConnectedDatasets | null;
}

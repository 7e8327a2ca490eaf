import type { ApiKeyService } from './auth/api-key.service';
import type { DatasetService } from './datasets/dataset.service';
import type { SegmentationService } from './segments/segmentation.service';

/** What every resolver receives: the caller's workspace and the services over storage. */
export interface Context {
  workspaceId: string;
  services: Services;
}

export interface Services {
  apiKeys: ApiKeyService;
  datasets: DatasetService;
  segmentations: SegmentationService;
}

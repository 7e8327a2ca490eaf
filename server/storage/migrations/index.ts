import { Initial1763800000000 } from './1763800000000-initial';
import { Segmentations1795379931000 } from './1795379931000-segmentations';
import { SegmentationModel1795998645000 } from './1795998645000-segmentation-model';
import { ConnectedDatasets1796000000000 } from './1796000000000-connected-datasets';
import { RunStatus1796001000000 } from './1796001000000-run-status';
import { SilhouetteMethod1796002000000 } from './1796002000000-silhouette-method';
import { ApiKeys1796500000000 } from './1796500000000-api-keys';
import { DatasetWarnings1796510000000 } from './1796510000000-dataset-warnings';

/** Every migration, oldest first. A new one is appended here and never edited once released. */
export const migrations = [
  Initial1763800000000,
  Segmentations1795379931000,
  SegmentationModel1795998645000,
  ConnectedDatasets1796000000000,
  RunStatus1796001000000,
  SilhouetteMethod1796002000000,
  ApiKeys1796500000000,
  DatasetWarnings1796510000000,
];

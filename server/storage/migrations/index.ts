import { Initial1763800000000 } from './1763800000000-initial';
import { Segmentations1795379931000 } from './1795379931000-segmentations';
import { RunStatus1795998026476 } from './1795998026476-run-status';
import { SilhouetteMethod1796000000000 } from './1796000000000-silhouette-method';

/** Every migration, oldest first. A new one is appended here and never edited once released. */
export const migrations = [
  Initial1763800000000,
  Segmentations1795379931000,
  RunStatus1795998026476,
  SilhouetteMethod1796000000000,
];

import { registerEnumType } from 'type-graphql';

export enum MissingPolicy {
  ZERO = 'ZERO',
  MEAN = 'MEAN',
  DROP = 'DROP',
}
registerEnumType(MissingPolicy, {
  name: 'MissingPolicy',
  description: 'Missing feature values: ZERO fills 0, MEAN fills the column mean, DROP leaves the row out.',
});

export enum Scaling {
  STANDARD = 'STANDARD',
  MINMAX = 'MINMAX',
  NONE = 'NONE',
}
registerEnumType(Scaling, {
  name: 'Scaling',
  description: 'Feature scaling before clustering: STANDARD (z-scores), MINMAX (0..1) or NONE.',
});

export enum SegmentMethod {
  KMEANS = 'KMEANS',
  WARD = 'WARD',
  SCORES = 'SCORES',
}
registerEnumType(SegmentMethod, {
  name: 'SegmentMethod',
  description:
    'How segments were formed. `segment` takes KMEANS or WARD; SCORES marks an RFM run by the R×F score map.',
  valuesConfig: {
    KMEANS: { description: 'k-means (k-means++ seeding, best of `restarts` runs).' },
    WARD: { description: 'Ward hierarchical clustering cut into k segments (SciPy linkage + fcluster).' },
    SCORES: { description: 'RFM runs only: segments from the R×F quintile score map; refused by `segment`.' },
  },
});

export enum RfmMethod {
  SCORES = 'SCORES',
  KMEANS = 'KMEANS',
}
registerEnumType(RfmMethod, {
  name: 'RfmMethod',
  description: 'SCORES: named segments from R and F quintile scores. KMEANS: k-means on standardised log1p R, F, M.',
});

export enum SegmentationKind {
  SEGMENT = 'SEGMENT',
  RFM = 'RFM',
}
registerEnumType(SegmentationKind, {
  name: 'SegmentationKind',
  description: 'SEGMENT: rows of a table segmented by `segment`. RFM: customers segmented by `rfm`.',
});

export enum RunStatus {
  RUNNING = 'RUNNING',
  DONE = 'DONE',
  FAILED = 'FAILED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(RunStatus, {
  name: 'RunStatus',
  description: 'Where a run stands. Only a DONE run has results; a background run starts RUNNING.',
  valuesConfig: {
    RUNNING: { description: 'Computing in the background; `progress` rises from 0 to 1.' },
    DONE: { description: 'Computed and stored.' },
    FAILED: { description: 'Stopped by an error (`error` says which); nothing stored.' },
    CANCELLED: { description: 'Stopped by cancelSegmentation; nothing stored.' },
  },
});

export enum SilhouetteMethod {
  EXACT = 'EXACT',
  SAMPLED = 'SAMPLED',
}
registerEnumType(SilhouetteMethod, {
  name: 'SilhouetteMethod',
  description: 'How a silhouette was computed.',
  valuesConfig: {
    EXACT: { description: 'Over every segmented row.' },
    SAMPLED: {
      description:
        'Over a seeded random sample of rows, as scikit-learn’s silhouette_score(sample_size=…); see ' +
        'silhouetteSampleSize and silhouetteStandardError.',
    },
  },
});

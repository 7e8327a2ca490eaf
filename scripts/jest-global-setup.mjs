// Jest global setup: the server's worker pool loads dist/worker/analysis-worker.js, which ts-jest cannot provide
// (a worker thread runs plain JavaScript). Bundling it takes well under a second and keeps it in step with the
// sources on every run.
import { buildWorker } from './build-worker.mjs';

export default async function globalSetup() {
  await buildWorker();
}

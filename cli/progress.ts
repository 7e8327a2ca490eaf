/**
 * A progress bar on stderr for long runs, only when stderr is a terminal (so pipes, files and CI logs stay clean).
 * It appears after the first report that the work is not done yet, and is cleared when the run ends.
 */
import { SingleBar } from 'cli-progress';

export interface Progress {
  /** Reports `done` of `total` units (k values scored, for a segmentation). */
  update(done: number, total: number): void;
  stop(): void;
}

export function createProgress(label: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return { update: () => undefined, stop: () => undefined };
  let bar: SingleBar | null = null;
  return {
    update(done, total) {
      if (!bar) {
        if (done >= total) return;
        bar = new SingleBar({
          stream,
          format: `${label} |{bar}| {percentage}% ({value}/{total})`,
          hideCursor: true,
          clearOnComplete: true,
        });
        bar.start(total, done);
        return;
      }
      bar.setTotal(total);
      bar.update(done);
    },
    stop() {
      bar?.stop();
      bar = null;
    },
  };
}

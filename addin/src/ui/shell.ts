/**
 * What every pane shares: the status line, the progress bar with Cancel, the "insert cells?" question, the result
 * card, and one run at a time (every run button disabled while a run is under way). `run` turns a pane's work into
 * a status: the outcome, "Cancelled", or the error in Excel's or the server's words.
 */
import { CancelledError } from '../excel/cancel';
import type { Selection, Workbook, WrittenResults } from '../excel/workbook';
import type { ResultLayout } from '../../../shared/layout/types';
import { count, describeError } from './describe';
import type { ProgressView } from './progress-view';

export type Tone = 'idle' | 'busy' | 'done' | 'error';

export interface ShellElements {
  status: HTMLElement;
  result: HTMLElement;
  confirm: HTMLElement;
  confirmText: HTMLElement;
  confirmInsert: HTMLButtonElement;
  confirmCancel: HTMLButtonElement;
  runButtons: HTMLButtonElement[];
}

export class Shell {
  private running = false;

  constructor(
    private readonly elements: ShellElements,
    readonly progress: ProgressView,
    readonly workbook: Workbook,
  ) {}

  setStatus(text: string, tone: Tone): void {
    this.elements.status.textContent = text;
    this.elements.status.dataset.tone = tone;
  }

  showResult(content: HTMLElement | null): void {
    this.elements.result.replaceChildren(...(content ? [content] : []));
    this.elements.result.hidden = !content;
  }

  /**
   * Asks in the pane (Office panes have no window.confirm) whether to insert cells; resolves with the answer, or
   * false when the run is cancelled meanwhile.
   */
  confirm(text: string, signal?: AbortSignal): Promise<boolean> {
    const { confirm, confirmText, confirmInsert, confirmCancel } = this.elements;
    confirmText.textContent = text;
    confirm.hidden = false;
    return new Promise((resolve) => {
      const answer = (yes: boolean) => () => {
        confirm.hidden = true;
        confirmInsert.onclick = null;
        confirmCancel.onclick = null;
        signal?.removeEventListener('abort', declined);
        resolve(yes);
      };
      const declined = answer(false);
      confirmInsert.onclick = answer(true);
      confirmCancel.onclick = declined;
      signal?.addEventListener('abort', declined);
    });
  }

  /** Runs `work` with the progress bar shown; its return value is the status shown when it succeeds. */
  async run(label: string, work: (signal: AbortSignal) => Promise<string | null>): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.elements.runButtons.forEach((b) => (b.disabled = true));
    this.showResult(null);
    this.setStatus(label, 'busy');
    const signal = this.progress.start(label);
    try {
      const outcome = await work(signal);
      this.setStatus(outcome ?? 'Nothing was written.', outcome ? 'done' : 'idle');
    } catch (error) {
      if (error instanceof CancelledError) this.setStatus(`${error.message} Nothing was written.`, 'idle');
      // A request aborted by Cancel (fetch's AbortError) is a cancel too.
      else if ((error as Error | null)?.name === 'AbortError')
        this.setStatus('Cancelled. Nothing was written.', 'idle');
      else this.setStatus(describeError(error), 'error');
    } finally {
      this.progress.finish();
      this.elements.runButtons.forEach((b) => (b.disabled = false));
      this.running = false;
    }
  }

  /** Reads the selection (or the block at `address`) with the bar following the rows read. */
  read(signal: AbortSignal, address?: string): Promise<Selection> {
    const progress = {
      signal,
      onProgress: (done: number, total: number) =>
        this.progress.update(
          'read',
          done / total,
          `Reading the selection: ${count(done, 'row')} of ${total.toLocaleString('en-US')}`,
        ),
    };
    return address ? this.workbook.readAddress(address, progress) : this.workbook.readSelection(progress);
  }

  /**
   * Whether `columnCount` result columns can go beside the selection: true = insert cells first, false = the cells
   * are empty, null = the user declined (nothing will be written).
   */
  async room(selection: Selection, columnCount: number, signal?: AbortSignal): Promise<boolean | null> {
    const beside = await this.workbook.beside(selection, columnCount);
    if (beside.empty) return false;
    const inserted = await this.confirm(
      `Cells ${beside.address} beside the selection are not empty. Insert ${count(columnCount, 'column')} of new cells there (only in the selection's rows; cells to the right move right), or cancel?`,
      signal,
    );
    return inserted ? true : null;
  }

  /** Writes the results (Cancel is off: a half-written column would be worse than waiting a moment). */
  write(selection: Selection, layout: ResultLayout, insert: boolean): Promise<WrittenResults> {
    this.progress.lockCancel();
    this.progress.update('write', 0, 'Writing the results…');
    return this.workbook.writeResults(selection, layout, {
      insert,
      onProgress: (done: number, total: number) =>
        this.progress.update(
          'write',
          done / total,
          `Writing back: ${count(done, 'row')} of ${total.toLocaleString('en-US')}`,
        ),
    });
  }
}

/**
 * The progress bar under the panes: a label, a bar from 0 to 100 % and Cancel. A run moves through phases (reading
 * the selection, the server's work, writing back), each mapped onto its own stretch of the bar.
 */

export interface ProgressElements {
  box: HTMLElement;
  label: HTMLElement;
  fill: HTMLElement;
  bar: HTMLElement;
  cancel: HTMLButtonElement;
}

/** Where each phase sits on the bar, as [start, end] fractions. */
export const PHASES = { read: [0, 0.35], server: [0.35, 0.85], write: [0.85, 1] } as const;
export type Phase = keyof typeof PHASES;

export class ProgressView {
  private controller: AbortController | null = null;

  constructor(private readonly elements: ProgressElements) {
    elements.cancel.addEventListener('click', () => {
      this.controller?.abort();
      elements.cancel.disabled = true;
      elements.label.textContent = 'Cancelling…';
    });
  }

  /** Shows the bar at 0 and returns the signal that Cancel aborts. */
  start(label: string): AbortSignal {
    this.controller = new AbortController();
    this.elements.box.hidden = false;
    this.elements.cancel.disabled = false;
    this.update('read', 0, label);
    return this.controller.signal;
  }

  /** Moves the bar to `fraction` (0..1) of `phase`. */
  update(phase: Phase, fraction: number, label: string): void {
    const [from, to] = PHASES[phase];
    const percent = Math.round((from + (to - from) * Math.min(1, Math.max(0, fraction))) * 100);
    this.elements.fill.style.width = `${percent}%`;
    this.elements.bar.setAttribute('aria-valuenow', String(percent));
    this.elements.label.textContent = label;
  }

  /** Writing back cannot be cancelled halfway: that would leave half a column of labels. */
  lockCancel(): void {
    this.elements.cancel.disabled = true;
  }

  finish(): void {
    this.controller = null;
    this.elements.box.hidden = true;
  }
}

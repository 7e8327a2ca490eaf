/**
 * The task pane's one screen: "Open this pane in Excel" outside Excel, otherwise the "Segment selection" button and
 * a status line that tells what happened, in the server's or Excel's own words when something fails.
 */
import { GraphQLRequestError } from '../api/graphql-client';
import type { SegmentOutcome } from './segment-selection';
import type { HostCheck } from './wait-for-excel';

/** The elements the pane drives (ids in taskpane.html), typed by what is used so tests can pass plain objects. */
export interface PaneElements {
  ready: { hidden: boolean };
  notInExcel: { hidden: boolean };
  button: { disabled: boolean; addEventListener(type: 'click', listener: () => void): void };
  status: { textContent: string | null; dataset: Record<string, string | undefined> };
}

export interface PaneActions {
  waitForExcel(): Promise<HostCheck>;
  segmentSelection(): Promise<SegmentOutcome>;
}

/** Status tones, for the stylesheet (`#status[data-tone=error]`). */
export type Tone = 'idle' | 'busy' | 'done' | 'error';

/**
 * The pane's elements in `doc`.
 * @throws Error naming the missing id when taskpane.html and this file disagree.
 */
export function findPaneElements(doc: Document): PaneElements {
  const get = (id: string): HTMLElement => {
    const element = doc.getElementById(id);
    if (!element) throw new Error(`taskpane.html has no element #${id}`);
    return element;
  };
  return {
    ready: get('ready'),
    notInExcel: get('not-in-excel'),
    button: get('segment-button') as HTMLButtonElement,
    status: get('status'),
  };
}

/** Waits for the host, then either shows "Open this pane in Excel" or enables the button. */
export async function startPane(elements: PaneElements, actions: PaneActions): Promise<void> {
  showStatus(elements, 'Connecting to Excel…', 'busy');
  if ((await actions.waitForExcel()) !== 'excel') {
    elements.ready.hidden = true;
    elements.notInExcel.hidden = false;
    return;
  }
  elements.button.addEventListener('click', () => void segmentOnClick(elements, actions));
  elements.button.disabled = false;
  showStatus(elements, 'Select a table whose first row names the columns, then choose Segment selection.', 'idle');
}

async function segmentOnClick(elements: PaneElements, actions: PaneActions): Promise<void> {
  elements.button.disabled = true;
  showStatus(elements, 'Segmenting the selection…', 'busy');
  try {
    showStatus(elements, describeOutcome(await actions.segmentSelection()), 'done');
  } catch (error) {
    showStatus(elements, describeError(error), 'error');
  } finally {
    elements.button.disabled = false;
  }
}

function showStatus(elements: PaneElements, text: string, tone: Tone): void {
  elements.status.textContent = text;
  elements.status.dataset.tone = tone;
}

/**
 * The status line after a run.
 * @example
 * describeOutcome({ rows: 240, segments: 4, labelsAddress: 'Sheet1!G1:G241', summarySheet: 'Quadrant segments' })
 * // 'Segmented 240 rows into 4 segments: names in Sheet1!G1:G241, summary on sheet "Quadrant segments".'
 */
export function describeOutcome(outcome: SegmentOutcome): string {
  const rows = `${outcome.rows} ${outcome.rows === 1 ? 'row' : 'rows'}`;
  const segments = `${outcome.segments} ${outcome.segments === 1 ? 'segment' : 'segments'}`;
  const sheet = `"${outcome.summarySheet}"`;
  return `Segmented ${rows} into ${segments}: names in ${outcome.labelsAddress}, summary on sheet ${sheet}.`;
}

/**
 * What to show for a failure: the message, with the GraphQL error code when the server sent one.
 * @example describeError(new GraphQLRequestError('Column "spend" is not numeric', 'BAD_USER_INPUT'))
 * // 'Column "spend" is not numeric (BAD_USER_INPUT)'
 */
export function describeError(error: unknown): string {
  if (error instanceof GraphQLRequestError && error.code) return `${error.message} (${error.code})`;
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' && message.length > 0 ? message : `Unexpected error: ${String(error)}`;
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GraphQLRequestError } from '../../addin/src/api/graphql-client';
import {
  describeError,
  describeOutcome,
  findPaneElements,
  startPane,
  type PaneActions,
  type PaneElements,
} from '../../addin/src/ui/pane';
import type { SegmentOutcome } from '../../addin/src/ui/segment-selection';

/** Plain objects with the element properties the pane uses; `click()` fires the button's listeners. */
function fakeElements() {
  const listeners: (() => void)[] = [];
  const elements: PaneElements = {
    ready: { hidden: false },
    notInExcel: { hidden: true },
    button: { disabled: true, addEventListener: (_type, listener) => listeners.push(listener) },
    status: { textContent: '', dataset: {} },
  };
  return { elements, click: () => listeners.forEach((listener) => listener()) };
}

const OUTCOME: SegmentOutcome = {
  rows: 4,
  segments: 2,
  labelsAddress: 'Sheet1!E1:E5',
  summarySheet: 'Quadrant segments',
};

/** Resolves once pending promise callbacks have run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('startPane(elements, actions)', () => {
  test.each(['no-host', 'other-host'] as const)(
    'startPane shows "Open this pane in Excel" when the host is %s',
    async (host) => {
      const { elements } = fakeElements();
      await startPane(elements, { waitForExcel: async () => host, segmentSelection: jest.fn() });
      expect(elements.notInExcel.hidden).toBe(false);
      expect(elements.ready.hidden).toBe(true);
      expect(elements.button.disabled).toBe(true);
    },
  );

  test('startPane enables "Segment selection" in Excel and reports the outcome of a click', async () => {
    const { elements, click } = fakeElements();
    let finish: (outcome: SegmentOutcome) => void = () => undefined;
    const actions: PaneActions = {
      waitForExcel: async () => 'excel',
      segmentSelection: () => new Promise((resolve) => (finish = resolve)),
    };
    await startPane(elements, actions);
    expect(elements.notInExcel.hidden).toBe(true);
    expect(elements.button.disabled).toBe(false);

    click();
    expect(elements.button.disabled).toBe(true);
    expect(elements.status.dataset.tone).toBe('busy');
    finish(OUTCOME);
    await settle();
    expect(elements.status.textContent).toBe(describeOutcome(OUTCOME));
    expect(elements.status.dataset.tone).toBe('done');
    expect(elements.button.disabled).toBe(false);
  });

  test("startPane shows the server's GraphQL error and lets the user try again", async () => {
    const { elements, click } = fakeElements();
    const error = new GraphQLRequestError(
      'Cannot query field "segment" on type "Mutation".',
      'GRAPHQL_VALIDATION_FAILED',
    );
    await startPane(elements, { waitForExcel: async () => 'excel', segmentSelection: () => Promise.reject(error) });
    click();
    await settle();
    expect(elements.status.textContent).toBe(
      'Cannot query field "segment" on type "Mutation". (GRAPHQL_VALIDATION_FAILED)',
    );
    expect(elements.status.dataset.tone).toBe('error');
    expect(elements.button.disabled).toBe(false);
  });
});

describe('describeOutcome(outcome) and describeError(error)', () => {
  test('describeOutcome names the row and segment counts, the labels column and the summary sheet', () => {
    expect(describeOutcome(OUTCOME)).toBe(
      'Segmented 4 rows into 2 segments: names in Sheet1!E1:E5, summary on sheet "Quadrant segments".',
    );
    expect(describeOutcome({ ...OUTCOME, rows: 1, segments: 1 })).toMatch(/^Segmented 1 row into 1 segment:/);
  });

  test('describeError shows the message, the GraphQL code when there is one, and something for non-errors', () => {
    expect(describeError(new GraphQLRequestError('bad k', 'BAD_USER_INPUT'))).toBe('bad k (BAD_USER_INPUT)');
    expect(describeError(new GraphQLRequestError('Cannot reach the Quadrant server'))).toBe(
      'Cannot reach the Quadrant server',
    );
    expect(describeError({ code: 'InvalidSelection', message: 'The selection is not valid.' })).toBe(
      'The selection is not valid.',
    );
    expect(describeError(undefined)).toBe('Unexpected error: undefined');
  });
});

describe('findPaneElements(doc)', () => {
  const html = readFileSync(join(__dirname, '..', '..', 'addin', 'taskpane.html'), 'utf8');
  const ids = new Set([...html.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]));
  const doc = (known: Set<string>) =>
    ({ getElementById: (id: string) => (known.has(id) ? { id } : null) }) as unknown as Document;

  test('findPaneElements finds every element it needs in taskpane.html', () => {
    expect(() => findPaneElements(doc(ids))).not.toThrow();
  });

  test('findPaneElements names an element missing from the page', () => {
    const withoutStatus = new Set([...ids].filter((id) => id !== 'status'));
    expect(() => findPaneElements(doc(withoutStatus))).toThrow('taskpane.html has no element #status');
  });
});

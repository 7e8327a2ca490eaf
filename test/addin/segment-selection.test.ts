import type { SegmentRequest, SegmentResult } from '../../addin/src/api/segment';
import { SelectionError } from '../../addin/src/excel/selection-error';
import type { Cell } from '../../addin/src/contract';
import type { Selection, SummaryRow, Workbook } from '../../addin/src/excel/workbook';
import { LABEL_HEADER, segmentSelection } from '../../addin/src/ui/segment-selection';

/** A Workbook that serves `selection` and records what is written. */
function fakeWorkbook(selection: Selection) {
  const writes: { column?: [string, string, Cell[]]; summary?: SummaryRow[] } = {};
  const workbook: Workbook = {
    readSelection: async () => selection,
    writeColumn: async (address, header, values) => {
      writes.column = [address, header, values];
      return 'Sheet1!E1:E5';
    },
    writeSummarySheet: async (rows) => {
      writes.summary = rows;
      return 'Quadrant segments (2)';
    },
  };
  return { workbook, writes };
}

const SELECTION: Selection = {
  address: 'Sheet1!A1:D5',
  header: ['customer', 'joined', 'spend', 'visits'],
  rows: [
    ['a', '2024-01-01', 10, 1],
    ['b', '2024-02-01', 12, null],
    ['c', null, 200, 9],
    ['d', '2024-03-01', null, null],
  ],
};

describe('segmentSelection(workbook, runSegment)', () => {
  test('segmentSelection sends every numeric column as a feature and writes names and a summary', async () => {
    const { workbook, writes } = fakeWorkbook(SELECTION);
    const requests: SegmentRequest[] = [];
    const result: SegmentResult = {
      id: '7',
      k: 2,
      labels: [0, 0, 1, null],
      segments: [
        { label: 0, name: 'Regulars', size: 2, share: 2 / 3 },
        { label: 1, name: 'Big spenders', size: 1, share: 1 / 3 },
      ],
    };
    const outcome = await segmentSelection(workbook, async (request) => {
      requests.push(request);
      return result;
    });
    expect(requests).toEqual([
      { table: { header: SELECTION.header, rows: SELECTION.rows }, features: ['spend', 'visits'] },
    ]);
    // The row the segmentation left out (label null) gets an empty cell.
    expect(writes.column).toEqual(['Sheet1!A1:D5', LABEL_HEADER, ['Regulars', 'Regulars', 'Big spenders', null]]);
    expect(writes.summary).toEqual([
      { segment: 'Regulars', size: 2, share: 2 / 3 },
      { segment: 'Big spenders', size: 1, share: 1 / 3 },
    ]);
    expect(outcome).toEqual({
      rows: 4,
      segments: 2,
      labelsAddress: 'Sheet1!E1:E5',
      summarySheet: 'Quadrant segments (2)',
    });
  });

  test('segmentSelection stops before calling the server when no column is numeric', async () => {
    const { workbook, writes } = fakeWorkbook({ address: 'Sheet1!A1:A3', header: ['name'], rows: [['a'], ['b']] });
    const runSegment = jest.fn();
    await expect(segmentSelection(workbook, runSegment)).rejects.toThrow(
      new SelectionError('The selection Sheet1!A1:A3 has no numeric column to segment on.'),
    );
    expect(runSegment).not.toHaveBeenCalled();
    expect(writes).toEqual({});
  });

  test('segmentSelection writes nothing when the server fails', async () => {
    const { workbook, writes } = fakeWorkbook(SELECTION);
    await expect(
      segmentSelection(workbook, () => Promise.reject(new Error('Cannot query field "segment"'))),
    ).rejects.toThrow('Cannot query field "segment"');
    expect(writes).toEqual({});
  });

  test('segmentSelection refuses labels that do not match the rows one for one', async () => {
    const { workbook, writes } = fakeWorkbook(SELECTION);
    const runSegment = async (): Promise<SegmentResult> => ({ id: '1', k: 1, labels: [0], segments: [] });
    await expect(segmentSelection(workbook, runSegment)).rejects.toThrow('The server returned 1 labels for 4 rows.');
    expect(writes).toEqual({});
  });
});

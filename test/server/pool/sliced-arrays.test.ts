import { SLICE_LENGTH, receiveSliced, sendSliced } from '../../../server/pool/sliced-arrays';

describe('sendSliced / receiveSliced', () => {
  test('long arrays of plain values cross in slices and come back in place, equal and in order', async () => {
    const long = Array.from({ length: 2 * SLICE_LENGTH + 7 }, (_, i) => (i % 5 === 0 ? null : `u${i}`));
    const names = Array.from({ length: SLICE_LENGTH + 1 }, (_, i) => (i % 2 ? 'a' : null));
    const codes = new Int32Array(4);
    const value = {
      table: { rowCount: long.length, columns: [{ name: 'user', type: 'TEXT', values: long }, { codes }] },
      options: { segments: names, steps: ['visit', 'buy'] },
    };
    const sent = await sendSliced(value, undefined);
    expect(sent.port).not.toBeNull();
    // The caller's objects are not changed; the sent value holds references instead of the long arrays.
    expect(value.table.columns[0].values).toBe(long);
    expect(sent.value.table.columns[0].values).toEqual({ slicedArray: 0, length: long.length });
    expect(sent.value.options.steps).toBe(value.options.steps);
    expect(sent.value.table.columns[1].codes).toBe(codes);

    // As the worker gets it: cloned by the task's message (whose typed arrays would be moved, not cloned).
    const { codes: moved, ...rest } = sent.value.table.columns[1];
    const cloned = structuredClone({
      ...sent.value,
      table: { ...sent.value.table, columns: [sent.value.table.columns[0], rest] },
    });
    const received = receiveSliced(cloned, sent.port!);
    expect(moved).toBe(codes);
    expect(received).toEqual({ ...value, table: { ...value.table, columns: [value.table.columns[0], {}] } });
  });

  test('a value without long arrays is sent as it is, without a port', async () => {
    const value = { table: { columns: [{ values: ['a', 'b'] }] } };
    const sent = await sendSliced(value);
    expect(sent).toEqual({ value, port: null });
    expect(receiveSliced(value, undefined)).toBe(value);
  });

  test('an abort while slices are sent rejects with an AbortError', async () => {
    const controller = new AbortController();
    controller.abort();
    const long = Array.from({ length: SLICE_LENGTH + 1 }, (_, i) => `u${i}`);
    await expect(sendSliced({ long }, controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
  });
});

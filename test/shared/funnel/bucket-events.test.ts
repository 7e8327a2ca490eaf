import { bucketEvents } from '../../../shared/funnel/bucket-events';
import { createRng } from '../../../shared/random';

describe('bucketEvents', () => {
  test('bucketEvents(users, steps, times, userCount, stepCount) groups times by user, then step, in row order', () => {
    // rows: 0 (u1 s0 t5), 1 (u0 s1 t9), 2 (u1 s0 t3), 3 (u0 s0 t1)
    // cells u0s0 = [1], u0s1 = [9], u1s0 = [5, 3], u1s1 = []
    const { offsets, times } = bucketEvents(
      Int32Array.of(1, 0, 1, 0),
      Int32Array.of(0, 1, 0, 0),
      Float64Array.of(5, 9, 3, 1),
      2,
      2,
    );
    expect([...offsets]).toEqual([0, 1, 2, 4, 4]);
    expect([...times]).toEqual([1, 9, 5, 3]);
  });

  test('bucketEvents leaves out rows with no user or no funnel step', () => {
    const { offsets, times } = bucketEvents(
      Int32Array.of(-1, 0, 0),
      Int32Array.of(0, -1, 1),
      Float64Array.of(1, 2, 3),
      1,
      2,
    );
    expect([...offsets]).toEqual([0, 0, 1]);
    expect([...times]).toEqual([3]);
  });

  test('bucketEvents keeps every kept event exactly once, in its own cell', () => {
    const rng = createRng(11);
    const n = 2000;
    const users = Int32Array.from({ length: n }, () => rng.int(31) - 1);
    const steps = Int32Array.from({ length: n }, () => rng.int(5) - 1);
    const times = Float64Array.from({ length: n }, (_, i) => i);
    const { offsets, times: bucketed } = bucketEvents(users, steps, times, 30, 4);
    const kept = [...Array(n).keys()].filter((i) => users[i] >= 0 && steps[i] >= 0);
    expect(bucketed.length).toBe(kept.length);
    for (let c = 0; c < 30 * 4; c++) {
      const rows = [...bucketed.subarray(offsets[c], offsets[c + 1])];
      expect(rows).toEqual(kept.filter((i) => users[i] * 4 + steps[i] === c));
    }
  });
});

import { createRng } from '../../../shared/random';
import { relabelBySize } from '../../../shared/segment/relabel';

describe('relabelBySize', () => {
  test('relabelBySize(labels) numbers segments largest first, ties in order of first row, keeping -1', () => {
    // sizes: label 2 → 2 rows (first at row 0), label 0 → 3 rows, label 5 → 2 rows (first at row 6)
    const out = relabelBySize(Int32Array.of(2, 0, 0, -1, 2, 0, 5, 5));
    expect(Array.from(out.labels)).toEqual([1, 0, 0, -1, 1, 0, 2, 2]);
    expect(out.sizes).toEqual([3, 2, 2]);
    expect(out.from).toEqual([0, 2, 5]);
  });

  test('relabelBySize(labels) keeps the partition and gives non-increasing sizes', () => {
    const rng = createRng(4);
    for (let trial = 0; trial < 100; trial++) {
      const labels = Int32Array.from({ length: 1 + rng.int(200) }, () => rng.int(8) - 1);
      const out = relabelBySize(labels);
      const broken = Array.from(labels).filter((label, i) =>
        label < 0 ? out.labels[i] !== label : out.from[out.labels[i]] !== label,
      );
      expect(broken).toEqual([]);
      expect(out.sizes).toEqual([...out.sizes].sort((a, b) => b - a));
    }
  });
});

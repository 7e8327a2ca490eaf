/**
 * Renumbers cluster labels 0..m−1 by size, largest first (ties: the cluster met first in row order first), so
 * results list segments in the order a report would; labels < 0 stay as they are. Labels need not be consecutive:
 * m is the number of distinct labels. O(n + m log m).
 *
 * @returns the new labels, each new segment's size, and `from`: the old label of each new label.
 * @example
 * relabelBySize(Int32Array.of(2, 0, 0, -1, 2, 0)); // { labels: [1, 0, 0, -1, 1, 0], sizes: [3, 2], from: [0, 2] }
 */
export function relabelBySize(labels: Int32Array): { labels: Int32Array; sizes: number[]; from: number[] } {
  let top = -1;
  for (let i = 0; i < labels.length; i++) if (labels[i] > top) top = labels[i];
  // Labels are small whole numbers (clusters 0..k−1): counted in an array, not a map, when they fit one.
  const dense = top < Math.max(1024, labels.length);
  const size = dense ? new Float64Array(top + 1) : null;
  const sparse = dense ? null : new Map<number, number>();
  const firstSeen: number[] = [];
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i];
    if (label < 0) continue;
    if (size) {
      if (size[label] === 0) firstSeen.push(label);
      size[label]++;
    } else {
      const count = (sparse as Map<number, number>).get(label);
      if (count === undefined) firstSeen.push(label);
      (sparse as Map<number, number>).set(label, (count ?? 0) + 1);
    }
  }
  const sizeOf = (label: number) => (size ? size[label] : ((sparse as Map<number, number>).get(label) as number));
  const from = firstSeen
    .map((label, order) => ({ label, order, size: sizeOf(label) }))
    .sort((a, b) => b.size - a.size || a.order - b.order)
    .map((c) => c.label);
  const relabelled = new Int32Array(labels.length);
  if (size) {
    const to = new Int32Array(top + 1);
    from.forEach((label, i) => (to[label] = i));
    for (let i = 0; i < labels.length; i++) relabelled[i] = labels[i] < 0 ? labels[i] : to[labels[i]];
  } else {
    const to = new Map(from.map((label, i) => [label, i]));
    for (let i = 0; i < labels.length; i++) {
      relabelled[i] = labels[i] < 0 ? labels[i] : (to.get(labels[i]) as number);
    }
  }
  return { labels: relabelled, sizes: from.map(sizeOf), from };
}

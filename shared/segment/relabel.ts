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
  const size = new Map<number, number>();
  const firstSeen: number[] = [];
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i];
    if (label < 0) continue;
    const count = size.get(label);
    if (count === undefined) firstSeen.push(label);
    size.set(label, (count ?? 0) + 1);
  }
  const from = firstSeen
    .map((label, order) => ({ label, order, size: size.get(label) as number }))
    .sort((a, b) => b.size - a.size || a.order - b.order)
    .map((c) => c.label);
  const to = new Map(from.map((label, i) => [label, i]));
  const relabelled = labels.map((label) => (label < 0 ? label : (to.get(label) as number)));
  return { labels: relabelled, sizes: from.map((label) => size.get(label) as number), from };
}

/**
 * The ArrayBuffers of the typed arrays in a value (an object tree such as a Table or a segmentation result) that
 * can be moved to another thread instead of copied: each buffer once, and only buffers a single array owns whole.
 * A view into a shared buffer (Node's Buffer pool, a subarray) is left to be copied, since moving it would detach
 * memory the sender still uses elsewhere.
 */
export function transferables(value: unknown): ArrayBuffer[] {
  const found = new Set<ArrayBufferLike>();
  const seen = new Set<object>();
  const visit = (v: unknown, depth: number): void => {
    if (v === null || typeof v !== 'object' || seen.has(v) || depth > MAX_DEPTH) return;
    seen.add(v);
    if (ArrayBuffer.isView(v)) {
      const buffer = v.buffer;
      // By tag, not instanceof: the value may come from another realm (a worker's, or jest's test context).
      const plain = Object.prototype.toString.call(buffer) === '[object ArrayBuffer]';
      if (plain && v.byteOffset === 0 && v.byteLength === buffer.byteLength) {
        found.add(buffer);
      }
      return;
    }
    // Arrays of plain values (labels as numbers, keys as strings) hold no buffers: skip them without a walk.
    if (Array.isArray(v)) {
      if (v.length > 0 && typeof v[0] !== 'object') return;
      for (const item of v) visit(item, depth + 1);
      return;
    }
    for (const item of Object.values(v)) visit(item, depth + 1);
  };
  visit(value, 0);
  return [...found] as ArrayBuffer[];
}

/**
 * Tables and results nest a few levels (result → segments → features; a funnel's args → attributes → table →
 * columns → column); deeper objects hold no typed arrays.
 */
const MAX_DEPTH = 5;

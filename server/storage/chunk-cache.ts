/** One decoded column chunk: Float64 values (NUMBER, DATE, BOOLEAN), Int32 category codes, or text. */
export type DecodedChunk = Float64Array | Int32Array | readonly (string | null)[];

/** What the cache holds by default: enough for the chunks of a few hundred thousand rows × dozens of columns. */
export const DEFAULT_CHUNK_CACHE_BYTES = 64 * 1024 * 1024;

/**
 * The most recently read dataset column chunks, decoded, up to a memory budget (least recently used first out).
 *
 * A stored dataset's chunks never change after its import (a new import is a new dataset id), so a decoded chunk
 * stays right for as long as the dataset exists; whether it still exists, and belongs to the asking workspace, is
 * decided by its catalogue row, read on every request before any chunk. Repeated previews of a page and repeated
 * analyses of one dataset then skip the blob read and, for text, the JSON parse of the whole chunk.
 *
 * Callers get the cached arrays themselves and must copy what they hand on (an analysis's input is moved to a
 * worker thread, which would empty a cached array).
 */
export class ChunkCache {
  private readonly entries = new Map<string, { chunk: DecodedChunk; bytes: number }>();
  private bytes = 0;

  constructor(readonly maxBytes = DEFAULT_CHUNK_CACHE_BYTES) {}

  get(datasetId: string, columnIndex: number, chunkIndex: number): DecodedChunk | undefined {
    const key = keyOf(datasetId, columnIndex, chunkIndex);
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    // Map keeps insertion order: re-inserting makes this the most recently used.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.chunk;
  }

  set(datasetId: string, columnIndex: number, chunkIndex: number, chunk: DecodedChunk): void {
    const bytes = sizeOf(chunk);
    if (bytes > this.maxBytes) return;
    const key = keyOf(datasetId, columnIndex, chunkIndex);
    this.remove(key);
    this.entries.set(key, { chunk, bytes });
    this.bytes += bytes;
    for (const oldest of this.entries.keys()) {
      if (this.bytes <= this.maxBytes) break;
      this.remove(oldest);
    }
  }

  /** Drops a deleted dataset's chunks (they could never be served again, but would hold memory). */
  forget(datasetId: string): void {
    for (const key of [...this.entries.keys()]) if (key.startsWith(`${datasetId}/`)) this.remove(key);
  }

  /** Bytes held (estimated for text), for tests and diagnostics. */
  get size(): { chunks: number; bytes: number } {
    return { chunks: this.entries.size, bytes: this.bytes };
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= entry.bytes;
  }
}

function keyOf(datasetId: string, columnIndex: number, chunkIndex: number): string {
  return `${datasetId}/${columnIndex}/${chunkIndex}`;
}

/** Typed arrays: their bytes. Text: V8's cost, roughly a pointer per slot and a header plus two bytes a character. */
function sizeOf(chunk: DecodedChunk): number {
  if (!Array.isArray(chunk)) return (chunk as Float64Array | Int32Array).byteLength;
  let bytes = 8 * chunk.length;
  for (const v of chunk as readonly (string | null)[]) if (v !== null) bytes += 16 + 2 * v.length;
  return bytes;
}

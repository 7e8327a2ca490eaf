import type { Column, ColumnType } from '../../shared/table/types';

/**
 * The bytes of one column chunk. Numeric kinds (NUMBER, DATE, BOOLEAN) are Float64 little-endian, NaN kept;
 * CATEGORY codes are Int32 little-endian (levels live in the catalogue); TEXT is a UTF-8 JSON array.
 * Fixed-width encodings read back with one copy and no parsing.
 */
export function encodeChunk(column: Column, start: number, end: number): Buffer {
  switch (column.type) {
    case 'NUMBER':
    case 'DATE':
    case 'BOOLEAN':
      return littleEndianBytes(column.values.subarray(start, end));
    case 'CATEGORY':
      return littleEndianBytes(column.codes.subarray(start, end));
    case 'TEXT':
      return Buffer.from(JSON.stringify(column.values.slice(start, end)), 'utf8');
  }
}

/** Decodes a chunk of `type` into `target` at `offset` (typed arrays) or returns the strings (TEXT). */
export function decodeNumericChunk(data: Buffer, target: Float64Array, offset: number): void {
  const view = new Float64Array(alignedCopy(data), 0, data.byteLength / 8);
  target.set(view, offset);
}

export function decodeCodeChunk(data: Buffer, target: Int32Array, offset: number): void {
  const view = new Int32Array(alignedCopy(data), 0, data.byteLength / 4);
  target.set(view, offset);
}

export function decodeTextChunk(data: Buffer): (string | null)[] {
  return JSON.parse(data.toString('utf8')) as (string | null)[];
}

/** A whole chunk of a column of `type`, decoded into its own array. */
export function decodeChunk(type: ColumnType, data: Buffer): Float64Array | Int32Array | (string | null)[] {
  if (isNumericType(type)) return new Float64Array(alignedCopy(data), 0, data.byteLength / 8);
  if (type === 'CATEGORY') return new Int32Array(alignedCopy(data), 0, data.byteLength / 4);
  return decodeTextChunk(data);
}

function isNumericType(type: ColumnType): boolean {
  return type === 'NUMBER' || type === 'DATE' || type === 'BOOLEAN';
}

function littleEndianBytes(values: Float64Array | Int32Array): Buffer {
  if (!LITTLE_ENDIAN) throw new Error('column-codec: big-endian platforms are not supported');
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength);
}

/** Typed-array views need an aligned offset; driver buffers often sit at odd offsets of a pooled slab. */
function alignedCopy(data: Buffer): ArrayBuffer {
  const copy = new ArrayBuffer(data.byteLength);
  new Uint8Array(copy).set(data);
  return copy;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

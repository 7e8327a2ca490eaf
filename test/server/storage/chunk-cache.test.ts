import { ChunkCache } from '../../../server/storage/chunk-cache';

const A = 'aaaaaaaa-0000-4000-8000-000000000000';
const B = 'bbbbbbbb-0000-4000-8000-000000000000';

describe('ChunkCache', () => {
  test('keeps chunks within its byte budget, dropping the least recently used first', () => {
    const cache = new ChunkCache(3 * 800);
    cache.set(A, 0, 0, new Float64Array(100));
    cache.set(A, 1, 0, new Float64Array(100));
    cache.set(A, 2, 0, new Float64Array(100));
    expect(cache.size).toEqual({ chunks: 3, bytes: 2400 });
    // Using column 0 makes column 1 the oldest: it goes when a fourth chunk arrives.
    expect(cache.get(A, 0, 0)).toHaveLength(100);
    cache.set(B, 0, 0, new Int32Array(200));
    expect(cache.get(A, 1, 0)).toBeUndefined();
    expect(cache.get(A, 0, 0)).toBeDefined();
    expect(cache.get(A, 2, 0)).toBeDefined();
    expect(cache.get(B, 0, 0)).toBeDefined();
    expect(cache.size).toEqual({ chunks: 3, bytes: 2400 });
  });

  test('counts text by its strings, skips a chunk larger than the whole budget, and replaces a key in place', () => {
    const cache = new ChunkCache(1000);
    cache.set(A, 0, 0, ['abc', null, 'de']);
    expect(cache.size.bytes).toBe(3 * 8 + (16 + 6) + (16 + 4));
    cache.set(A, 0, 0, ['x']);
    expect(cache.size).toEqual({ chunks: 1, bytes: 8 + 18 });
    cache.set(A, 1, 0, new Float64Array(1000));
    expect(cache.get(A, 1, 0)).toBeUndefined();
    expect(cache.get(A, 0, 0)).toEqual(['x']);
  });

  test('forget drops every chunk of one dataset and no other', () => {
    const cache = new ChunkCache();
    cache.set(A, 0, 0, new Float64Array(10));
    cache.set(A, 0, 1, new Float64Array(10));
    cache.set(B, 0, 0, new Float64Array(10));
    cache.forget(A);
    expect(cache.get(A, 0, 0)).toBeUndefined();
    expect(cache.get(A, 0, 1)).toBeUndefined();
    expect(cache.get(B, 0, 0)).toHaveLength(10);
    expect(cache.size).toEqual({ chunks: 1, bytes: 80 });
  });
});

/**
 * A small, fast, seedable pseudo-random generator (mulberry32 over a splitmix32-scrambled seed).
 * Every random choice in the core flows from one of these, built from an explicit seed, so that a run is
 * reproducible bit for bit on every platform.
 *
 * @example
 * const rng = createRng(0); rng.next(); // a float in [0, 1)
 */
export interface Rng {
  /** A float uniformly distributed in [0, 1). */
  next(): number;
  /** An integer uniformly distributed in [0, n). */
  int(n: number): number;
  /** A standard normal variate (Box–Muller). */
  normal(): number;
}

export function createRng(seed: number): Rng {
  let s = scramble(Math.trunc(seed) >>> 0);
  let spare = NaN;
  const next = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    normal: () => {
      if (!Number.isNaN(spare)) {
        const v = spare;
        spare = NaN;
        return v;
      }
      let u = 0;
      while (u === 0) u = next();
      const v = next();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
  };
}

function scramble(x: number): number {
  x = (x + 0x9e3779b9) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b) >>> 0;
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35) >>> 0;
  return (x ^ (x >>> 16)) >>> 0;
}

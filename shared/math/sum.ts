/**
 * Compensated (Neumaier) summation, as d3-array's fsum: exact to the last bit far more often than a plain loop,
 * which matters for revenue totals over millions of rows. NaN entries are skipped when `skipNaN` is set.
 *
 * @example
 * fsum(Float64Array.of(1e16, 1, -1e16)); // 1 (a plain loop gives 0)
 */
export function fsum(values: ArrayLike<number>, skipNaN = false): number {
  let sum = 0;
  let compensation = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (skipNaN && x !== x) continue;
    const t = sum + x;
    compensation += Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum;
    sum = t;
  }
  return sum + compensation;
}

/** An accumulator for compensated sums built up one value at a time. */
export class Adder {
  private sum = 0;
  private compensation = 0;
  add(x: number): this {
    const t = this.sum + x;
    this.compensation += Math.abs(this.sum) >= Math.abs(x) ? this.sum - t + x : x - t + this.sum;
    this.sum = t;
    return this;
  }
  valueOf(): number {
    return this.sum + this.compensation;
  }
}

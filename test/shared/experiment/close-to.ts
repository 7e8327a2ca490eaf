/**
 * Asserts |actual − expected| ≤ rel·|expected| (+ abs), and that null (an undefined statistic; NaN in the
 * reference fixtures) meets null. The message shows both values and the label, so a fixture failure points at its case.
 */
export function expectClose(
  actual: number | null | undefined,
  expected: number | null | undefined,
  rel = 1e-9,
  label = '',
  abs = 0,
): void {
  if (expected === null || expected === undefined) {
    if (actual !== null && actual !== undefined) throw new Error(`${label}: expected null, got ${actual}`);
    return;
  }
  if (actual === null || actual === undefined || Number.isNaN(actual)) {
    throw new Error(`${label}: expected ${expected}, got ${actual}`);
  }
  const error = Math.abs(actual - expected);
  if (!(error <= rel * Math.abs(expected) + abs)) {
    throw new Error(
      `${label}: expected ${expected}, got ${actual} (relative error ${(error / Math.abs(expected)).toExponential(2)})`,
    );
  }
}

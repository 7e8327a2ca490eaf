/**
 * Compares two GraphQL results figure by figure: every count and label equal, every float within 1e-9 relative
 * (SQL sums run in a different order than the in-memory ones, so the last bits may differ), arrays in the same
 * order. Warnings are compared without the row numbers only the in-memory path can give ("(first: row 12)") and
 * without their examples (the first few by row order in memory, the smallest ids in SQL).
 * Returns the paths that differ, so a failing test names them.
 */
export function differences(connected: unknown, stored: unknown, path = '$'): string[] {
  if (typeof connected === 'number' && typeof stored === 'number') {
    if (Number.isInteger(connected) && Number.isInteger(stored)) {
      return connected === stored ? [] : [`${path}: ${connected} ≠ ${stored}`];
    }
    const scale = Math.max(Math.abs(connected), Math.abs(stored), 1e-300);
    return Math.abs(connected - stored) / scale <= 1e-9 ? [] : [`${path}: ${connected} ≠ ${stored}`];
  }
  if (typeof connected === 'string' && typeof stored === 'string') {
    const strip = (s: string) => s.replace(/ \(first: row \d+\)/g, '').replace(/ \(e\.g\. [^)]*\)/g, '');
    return strip(connected) === strip(stored) ? [] : [`${path}: "${connected}" ≠ "${stored}"`];
  }
  if (Array.isArray(connected) && Array.isArray(stored)) {
    if (connected.length !== stored.length) {
      return [
        `${path}: ${connected.length} items ≠ ${stored.length}: ${JSON.stringify(connected).slice(0, 300)} vs ${JSON.stringify(stored).slice(0, 300)}`,
      ];
    }
    return connected.flatMap((c, i) => differences(c, stored[i], `${path}[${i}]`));
  }
  if (connected && stored && typeof connected === 'object' && typeof stored === 'object') {
    const keys = new Set([...Object.keys(connected), ...Object.keys(stored)]);
    return [...keys].flatMap((k) =>
      differences((connected as Record<string, unknown>)[k], (stored as Record<string, unknown>)[k], `${path}.${k}`),
    );
  }
  return connected === stored ? [] : [`${path}: ${JSON.stringify(connected)} ≠ ${JSON.stringify(stored)}`];
}

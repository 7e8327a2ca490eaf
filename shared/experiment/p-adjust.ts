import type { Correction } from './types';

/**
 * Adjusts a family of p-values for multiple comparisons, as statsmodels.stats.multitest.multipletests(p, method)
 * with method 'bonferroni' (p · m, capped at 1) or 'holm' (step-down: the i-th smallest becomes
 * max over j ≤ i of (m − j + 1) · p₍ⱼ₎, capped at 1) or 'fdr_bh' (Benjamini–Hochberg step-up, controlling the false
 * discovery rate: the i-th smallest becomes min over j ≥ i of m · p₍ⱼ₎ / j, capped at 1); 'NONE' returns them
 * unchanged. Null entries (tests that could not be run) are skipped and do not count towards m.
 *
 * @example
 * pAdjust([0.01, 0.04, 0.03], 'HOLM'); // [0.03, 0.06, 0.06]
 * pAdjust([0.01, 0.04, 0.03], 'BENJAMINI_HOCHBERG'); // [0.03, 0.04, 0.04]
 */
export function pAdjust(pValues: readonly (number | null)[], method: Correction): (number | null)[] {
  if (method === 'NONE') return [...pValues];
  const tested = pValues.flatMap((p, i) => (p === null ? [] : [{ p, i }]));
  const m = tested.length;
  const adjusted: (number | null)[] = pValues.map(() => null);
  if (method === 'BONFERRONI') {
    for (const { p, i } of tested) adjusted[i] = Math.min(1, p * m);
    return adjusted;
  }
  tested.sort((x, y) => x.p - y.p);
  if (method === 'BENJAMINI_HOCHBERG') {
    let smallest = 1;
    for (let rank = m - 1; rank >= 0; rank--) {
      const { p, i } = tested[rank];
      smallest = Math.min(smallest, (m * p) / (rank + 1));
      adjusted[i] = smallest;
    }
    return adjusted;
  }
  let running = 0;
  tested.forEach(({ p, i }, rank) => {
    running = Math.max(running, (m - rank) * p);
    adjusted[i] = Math.min(1, running);
  });
  return adjusted;
}

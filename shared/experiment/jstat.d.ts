/**
 * The part of jstat 1.9.6 (no bundled types) that shared/experiment uses. Declared as namespaces so that another
 * module's declaration of other jstat functions merges with this one instead of clashing.
 */
declare module 'jstat' {
  export namespace jStat {
    /** ln Γ(x) (Lanczos, absolute error below 1e-12 for x < 20). */
    function gammaln(x: number): number;
    /** ln B(a, b) as gammaln(a) + gammaln(b) − gammaln(a + b). */
    function betaln(a: number, b: number): number;
    /** The lower regularized incomplete gamma function P(a, x). */
    function lowRegGamma(a: number, x: number): number;
    namespace normal {
      function inv(p: number, mean: number, sd: number): number;
    }
    namespace studentt {
      function inv(p: number, dof: number): number;
    }
  }
}

import { createRng } from '../../../shared/random';
import { CRM_BOT_ACCOUNTS, crmUsageDataset } from '../../../server/demo/crm-usage';
import { numbers, strings } from './dataset-columns';

const dataset = crmUsageDataset();
const USAGE = ['visualisations', 'exports', 'dashboards'];
const FEATURES = ['active_days', ...USAGE, 'conversions', 'ltv'];

describe('crmUsageDataset()', () => {
  it('has one row per account with a unique account_id and whole-number usage', () => {
    const ids = strings(dataset, 'account_id');
    expect(new Set(ids).size).toBe(dataset.rows.length);
    for (const name of FEATURES.slice(0, -1)) {
      expect(numbers(dataset, name).every((x) => Number.isInteger(x) && x >= 0)).toBe(true);
    }
    const days = numbers(dataset, 'active_days');
    expect(Math.min(...days)).toBe(1);
    expect(Math.max(...days)).toBeLessThanOrEqual(30);
  });

  it('hides exactly 9 bot accounts: 1 active day and usage over 5 times anyone else’s', () => {
    const days = numbers(dataset, 'active_days');
    const usage = USAGE.map((name) => numbers(dataset, name));
    const bots = dataset.rows.map((_, i) => i).filter((i) => days[i] === 1 && usage[0][i] > 1000);
    expect(bots).toHaveLength(CRM_BOT_ACCOUNTS);
    expect(CRM_BOT_ACCOUNTS).toBe(9);
    const others = dataset.rows.map((_, i) => i).filter((i) => !bots.includes(i));
    for (const column of usage) {
      const botMin = Math.min(...bots.map((i) => column[i]));
      const otherMax = Math.max(...others.map((i) => column[i]));
      expect(botMin).toBeGreaterThan(5 * otherMax);
    }
  });

  it('has casual users and a power-user group of 15–35 % with many more active days and higher ltv', () => {
    const days = numbers(dataset, 'active_days');
    const ltv = numbers(dataset, 'ltv');
    const power = days.filter((d) => d >= 13).length / days.length;
    expect(power).toBeGreaterThan(0.15);
    expect(power).toBeLessThan(0.35);
    const meanLtv = (keep: (d: number) => boolean) => {
      const rows = days.map((d, i) => i).filter((i) => keep(days[i]) && ltv[i] > 0);
      return rows.reduce((a, i) => a + ltv[i], 0) / rows.length;
    };
    expect(meanLtv((d) => d >= 13)).toBeGreaterThan(4 * meanLtv((d) => d < 13));
  });

  it('lets k-means with k chosen by silhouette over 2..7 (standard scaling) isolate exactly the 9 bots', () => {
    const columns = FEATURES.map((name) => numbers(dataset, name));
    const n = dataset.rows.length;
    const d = columns.length;
    const points = new Float64Array(n * d);
    columns.forEach((xs, f) => {
      const mean = xs.reduce((a, b) => a + b, 0) / n;
      const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / n);
      xs.forEach((x, i) => (points[i * d + f] = (x - mean) / sd));
    });
    const distances = pairwiseDistances(points, d);
    let best: { score: number; labels: Int32Array } = { score: -Infinity, labels: new Int32Array(0) };
    for (let k = 2; k <= 7; k++) {
      const labels = kMeansLabels(points, d, k, 5, k);
      const score = silhouetteScore(distances, labels, k);
      if (score > best.score) best = { score, labels };
    }
    const sizes = new Map<number, number>();
    for (const label of best.labels) sizes.set(label, (sizes.get(label) ?? 0) + 1);
    const tiny = [...sizes].filter(([, size]) => size === CRM_BOT_ACCOUNTS).map(([label]) => label);
    expect(tiny).toHaveLength(1);
    const days = numbers(dataset, 'active_days');
    best.labels.forEach((label, i) => {
      if (label === tiny[0]) expect(days[i]).toBe(1);
    });
  });
});

function squaredDistance(a: Float64Array, i: number, b: Float64Array, j: number, d: number): number {
  let sum = 0;
  for (let f = 0; f < d; f++) sum += (a[i * d + f] - b[j * d + f]) ** 2;
  return sum;
}

/** Euclidean distances between all pairs of points, row-major n × n (25 MB for the 2,500 accounts). */
function pairwiseDistances(points: Float64Array, d: number): Float32Array {
  const n = points.length / d;
  const distances = new Float32Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      distances[i * n + j] = distances[j * n + i] = Math.sqrt(squaredDistance(points, i, points, j, d));
    }
  }
  return distances;
}

/** Mean silhouette over all points (singleton clusters score 0), as scikit-learn's silhouette_score. */
function silhouetteScore(distances: Float32Array, labels: Int32Array, k: number): number {
  const n = labels.length;
  const sizes = new Float64Array(k);
  for (const l of labels) sizes[l]++;
  const sums = new Float64Array(k);
  let total = 0;
  for (let i = 0; i < n; i++) {
    sums.fill(0);
    for (let j = 0; j < n; j++) sums[labels[j]] += distances[i * n + j];
    const own = labels[i];
    if (sizes[own] === 1) continue;
    const a = sums[own] / (sizes[own] - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== own && sizes[c] > 0) b = Math.min(b, sums[c] / sizes[c]);
    total += (b - a) / Math.max(a, b);
  }
  return total / n;
}

/** Lloyd's k-means from k-means++ seeds, best inertia over `restarts` (as scikit-learn's KMeans with n_init). */
function kMeansLabels(points: Float64Array, d: number, k: number, restarts: number, seed: number): Int32Array {
  const n = points.length / d;
  const rng = createRng(seed);
  let best: { inertia: number; labels: Int32Array } = { inertia: Infinity, labels: new Int32Array(n) };
  for (let r = 0; r < restarts; r++) {
    const centers = new Float64Array(k * d);
    const nearest = new Float64Array(n).fill(Infinity);
    let pick = rng.int(n);
    for (let c = 0; c < k; c++) {
      centers.set(points.subarray(pick * d, pick * d + d), c * d);
      let total = 0;
      for (let i = 0; i < n; i++) total += nearest[i] = Math.min(nearest[i], squaredDistance(points, i, centers, c, d));
      let u = rng.next() * total;
      for (pick = 0; pick < n - 1 && u >= nearest[pick]; pick++) u -= nearest[pick];
    }
    const labels = new Int32Array(n).fill(-1);
    let inertia = 0;
    for (let iteration = 0, changed = true; changed && iteration < 300; iteration++) {
      changed = false;
      inertia = 0;
      for (let i = 0; i < n; i++) {
        let bestC = 0;
        let bestD = Infinity;
        for (let c = 0; c < k; c++) {
          const dist = squaredDistance(points, i, centers, c, d);
          if (dist < bestD) {
            bestC = c;
            bestD = dist;
          }
        }
        inertia += bestD;
        if (labels[i] !== bestC) {
          labels[i] = bestC;
          changed = true;
        }
      }
      const counts = new Float64Array(k);
      const sums = new Float64Array(k * d);
      for (let i = 0; i < n; i++) {
        counts[labels[i]]++;
        for (let f = 0; f < d; f++) sums[labels[i] * d + f] += points[i * d + f];
      }
      for (let c = 0; c < k; c++)
        if (counts[c] > 0) for (let f = 0; f < d; f++) centers[c * d + f] = sums[c * d + f] / counts[c];
    }
    if (inertia < best.inertia) best = { inertia, labels };
  }
  return best.labels;
}

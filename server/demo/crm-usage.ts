import type { DemoDataset } from './demo-dataset';
import { cents, paddedId } from './format';
import { demoRng, logNormal, poisson, shuffle, uniformInt } from './sampling';

const ACCOUNTS = 2500;
const POWER_SHARE = 0.24;
/** Test and bot accounts: a scripted client hammers the API in one day and never buys. */
export const CRM_BOT_ACCOUNTS = 9;

type Kind = 'casual' | 'power' | 'bot';

/**
 * "CRM usage": one row per account of a reporting tool over the last 30 days. Mostly casual users, about a
 * quarter power users (many active days, dashboards and conversions, high lifetime value) and exactly
 * {@link CRM_BOT_ACCOUNTS} test/bot accounts with one active day and usage far beyond anyone else's, so that
 * k-means with k chosen by silhouette sets them apart as a tiny segment.
 *
 * @example
 * crmUsageDataset().header; // ['account_id', 'active_days', 'visualisations', 'exports', 'dashboards', …]
 */
export function crmUsageDataset(seed = 42): DemoDataset {
  const rng = demoRng(seed, 'CRM usage');
  const kinds: Kind[] = [];
  const power = Math.round((ACCOUNTS - CRM_BOT_ACCOUNTS) * POWER_SHARE);
  for (let i = 0; i < ACCOUNTS; i++) {
    kinds.push(i < CRM_BOT_ACCOUNTS ? 'bot' : i < CRM_BOT_ACCOUNTS + power ? 'power' : 'casual');
  }
  shuffle(rng, kinds);

  const rows = kinds.map((kind, i) => {
    const id = paddedId('ACC-', 10001 + i, 5);
    if (kind === 'bot') {
      return [id, 1, uniformInt(rng, 4000, 9000), uniformInt(rng, 1200, 2500), uniformInt(rng, 150, 400), 0, 0];
    }
    // Individual intensity: some people simply click more per active day than others.
    const intensity = logNormal(rng, 1, 0.35);
    if (kind === 'power') {
      const days = Math.min(30, 13 + poisson(rng, 8));
      const visualisations = poisson(rng, days * 11 * intensity);
      const conversions = poisson(rng, 6);
      const ltv = logNormal(rng, 3200, 0.45) * (1 + 0.04 * conversions);
      return [
        id,
        days,
        visualisations,
        poisson(rng, visualisations * 0.15),
        4 + poisson(rng, 9),
        conversions,
        cents(ltv),
      ];
    }
    const days = Math.min(12, 1 + poisson(rng, 2.5));
    const visualisations = poisson(rng, days * 4 * intensity);
    const conversions = poisson(rng, 0.3);
    const ltv = logNormal(rng, 280, 0.6) * (1 + 0.2 * conversions);
    return [
      id,
      days,
      visualisations,
      poisson(rng, visualisations * 0.08),
      poisson(rng, 0.4 + 0.1 * days),
      conversions,
      cents(ltv),
    ];
  });

  return {
    name: 'CRM usage',
    description:
      `${ACCOUNTS} accounts of a reporting tool, usage over the last 30 days: active_days (1–30), visualisations ` +
      'built, exports, dashboards, conversions (deals closed through the tool) and ltv (lifetime revenue, EUR). ' +
      'Mostly casual users and a group of power users; a handful of test/bot accounts with one active day and ' +
      'extreme usage hide among them.',
    header: ['account_id', 'active_days', 'visualisations', 'exports', 'dashboards', 'conversions', 'ltv'],
    rows,
  };
}

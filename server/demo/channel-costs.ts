import type { DemoCell, DemoDataset } from './demo-dataset';
import { cents, isoDate } from './format';
import { demoRng } from './sampling';

const MONTHS = 6;
const FIRST_MONTH = { year: 2026, month: 2 };

interface ChannelPlan {
  channel: string;
  /** Planned spend over the whole period (EUR). */
  spend: number;
  costPerClick: number;
  clickThroughRate: number;
  /** The first month (0-based from March 2026) the channel ran. */
  from: number;
}

/**
 * Paid channels behind "Users": LinkedIn is dear per click and, with few paying users, per acquisition; TikTok
 * was tried from May and brought no user at all. Direct has no spend and so no rows.
 */
export const CHANNEL_PLANS: readonly ChannelPlan[] = [
  { channel: 'Google', spend: 10000, costPerClick: 2.1, clickThroughRate: 0.04, from: 0 },
  { channel: 'Facebook', spend: 5200, costPerClick: 1.0, clickThroughRate: 0.011, from: 0 },
  { channel: 'LinkedIn', spend: 60000, costPerClick: 13, clickThroughRate: 0.0045, from: 0 },
  { channel: 'E-mail', spend: 1500, costPerClick: 0.9, clickThroughRate: 0.025, from: 0 },
  { channel: 'Referral', spend: 4000, costPerClick: 4.5, clickThroughRate: 0.1, from: 0 },
  { channel: 'TikTok', spend: 7000, costPerClick: 0.75, clickThroughRate: 0.008, from: 2 },
];

/**
 * "Channel costs": one row per paid channel per month, March to August 2026 (the months of "Website events"),
 * with spend, clicks and impressions varying month to month around each channel's plan.
 *
 * @example
 * channelCostsDataset().header; // ['month', 'channel', 'spend', 'clicks', 'impressions']
 */
export function channelCostsDataset(seed = 42): DemoDataset {
  const rng = demoRng(seed, 'Channel costs');
  const rows: DemoCell[][] = [];
  for (let m = 0; m < MONTHS; m++) {
    const month = isoDate(Date.UTC(FIRST_MONTH.year, FIRST_MONTH.month + m, 1));
    for (const plan of CHANNEL_PLANS) {
      if (m < plan.from) continue;
      const spend = (plan.spend / (MONTHS - plan.from)) * Math.max(0.5, 1 + 0.12 * rng.normal());
      const clicks = Math.round(spend / (plan.costPerClick * (1 + 0.08 * rng.normal())));
      const impressions = Math.round(clicks / (plan.clickThroughRate * (1 + 0.1 * rng.normal())));
      rows.push([month, plan.channel, cents(spend), clicks, impressions]);
    }
  }
  return {
    name: 'Channel costs',
    description:
      'Marketing spend (EUR), clicks and impressions per paid channel and month, March to August 2026, to join ' +
      'with "Users" on channel = acquisition_channel. Direct has no spend; TikTok ran from May.',
    header: ['month', 'channel', 'spend', 'clicks', 'impressions'],
    rows,
  };
}

import type { Rng } from '../../shared/random';
import { demoRng, logNormal, pickWeighted, shuffle } from './sampling';

export const WEB_CHANNELS = ['Google', 'Facebook', 'LinkedIn', 'Direct', 'E-mail', 'Referral'] as const;
export const WEB_SEGMENTS = ['Consumer', 'SMB', 'Enterprise'] as const;
export type WebChannel = (typeof WEB_CHANNELS)[number];
export type WebSegment = (typeof WEB_SEGMENTS)[number];

/** Users tracked on the website (the "Website events" set). */
export const TRACKED_USERS = 5000;
/** Users known only to the CRM (signed up by sales, never tracked): the "Users" rows no event matches. */
export const UNTRACKED_USERS = 100;

export const STAGES = ['visit', 'signup', 'trial', 'paid'] as const;

/** One prospect of the SaaS product behind "Website events", "Users" and "Channel costs". */
export interface WebUser {
  userId: string;
  tracked: boolean;
  channel: WebChannel;
  segment: WebSegment;
  /** The deepest funnel stage reached: 0 visit, 1 signup, 2 trial, 3 paid. */
  stage: number;
  /** Lifetime revenue; 0 for users who never paid. */
  ltv: number;
}

const CHANNEL_MIX = [0.3, 0.22, 0.18, 0.1, 0.1, 0.1];
/** Segment mix per channel (Consumer, SMB, Enterprise): LinkedIn reaches businesses. */
const SEGMENT_MIX: Record<WebChannel, readonly number[]> = {
  Google: [0.6, 0.3, 0.1],
  Facebook: [0.8, 0.17, 0.03],
  LinkedIn: [0.15, 0.45, 0.4],
  Direct: [0.55, 0.3, 0.15],
  'E-mail': [0.5, 0.35, 0.15],
  Referral: [0.55, 0.35, 0.1],
};
/** P(signup | visit), P(trial | signup), P(paid | trial) per channel: Direct visitors already want the product. */
const CHANNEL_RATES: Record<WebChannel, readonly [number, number, number]> = {
  Google: [0.2, 0.55, 0.4],
  Facebook: [0.13, 0.5, 0.35],
  LinkedIn: [0.17, 0.45, 0.28],
  Direct: [0.4, 0.65, 0.6],
  'E-mail': [0.25, 0.55, 0.42],
  Referral: [0.27, 0.55, 0.42],
};
/** Multipliers on P(trial | signup) and P(paid | trial): the two business segments convert poorly. */
const SEGMENT_RATES: Record<WebSegment, readonly [number, number]> = {
  Consumer: [1.05, 1.3],
  SMB: [0.9, 0.62],
  Enterprise: [0.85, 0.5],
};
/** Median lifetime revenue of a paying user per channel and multiplier per segment. */
const CHANNEL_LTV: Record<WebChannel, number> = {
  Google: 650,
  Facebook: 420,
  LinkedIn: 1900,
  Direct: 850,
  'E-mail': 620,
  Referral: 760,
};
const SEGMENT_LTV: Record<WebSegment, number> = { Consumer: 0.7, SMB: 1.2, Enterprise: 2.4 };

/**
 * The prospects shared by the web demo sets: {@link TRACKED_USERS} website users plus {@link UNTRACKED_USERS}
 * CRM-only users, in random id order. The funnel stage each reaches depends on channel and segment, so that
 * Direct converts best, LinkedIn brings the highest lifetime value and SMB and Enterprise convert poorly.
 *
 * @example
 * webPopulation().filter((u) => u.tracked).length; // 5000
 */
export function webPopulation(seed = 42): WebUser[] {
  const rng = demoRng(seed, 'web population');
  const ids: number[] = [];
  for (let i = 0; i < TRACKED_USERS + UNTRACKED_USERS; i++) ids.push(100001 + i);
  shuffle(rng, ids);
  return ids.map((id, i) => {
    const channel = WEB_CHANNELS[pickWeighted(rng, CHANNEL_MIX)];
    const segment = WEB_SEGMENTS[pickWeighted(rng, SEGMENT_MIX[channel])];
    const stage = deepestStage(rng, channel, segment);
    const ltv = stage === 3 ? logNormal(rng, CHANNEL_LTV[channel] * SEGMENT_LTV[segment], 0.45) : 0;
    return { userId: `U${id}`, tracked: i < TRACKED_USERS, channel, segment, stage, ltv };
  });
}

function deepestStage(rng: Rng, channel: WebChannel, segment: WebSegment): number {
  const [signup, trial, paid] = CHANNEL_RATES[channel];
  const [trialFactor, paidFactor] = SEGMENT_RATES[segment];
  if (rng.next() >= signup) return 0;
  if (rng.next() >= Math.min(1, trial * trialFactor)) return 1;
  if (rng.next() >= Math.min(1, paid * paidFactor)) return 2;
  return 3;
}

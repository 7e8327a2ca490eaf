import type { Rng } from '../../shared/random';
import type { DemoDataset } from './demo-dataset';
import { DAY_MS, isoDateTime } from './format';
import { demoRng, logNormal, poisson } from './sampling';
import { STAGES, TRACKED_USERS, webPopulation } from './web-population';

const MINUTE_MS = 60_000;
/** First visits fall in the 150 days from here; later steps follow within at most 51 days. */
export const EVENTS_START = Date.UTC(2026, 2, 1);
const ARRIVAL_DAYS = 150;

const SKIP_SIGNUP = 0.04;
const SKIP_TRIAL = 0.06;
const VISIT_AFTER_SIGNUP = 0.015;
const REPEAT_VISITS = 0.35;
const DOUBLE_SIGNUP = 0.02;

interface Event {
  userId: string;
  step: number;
  at: number;
}

/**
 * "Website events": the event log of a SaaS product's funnel visit → signup → trial → paid for
 * {@link TRACKED_USERS} users, one row per event, sorted by time. Steps follow minutes to days apart (a 14-day
 * trial before paying); sign-up is rare, trial → paid moderate. Like real logs it has repeated visits, a few
 * double-submitted sign-ups, users who skip a step (trial via single sign-on without a sign-up event, paying
 * without a trial) and a few visits recorded after the sign-up they led to (tracking consent given late).
 *
 * @example
 * websiteEventsDataset().header; // ['user_id', 'step', 'timestamp']
 */
export function websiteEventsDataset(seed = 42): DemoDataset {
  const rng = demoRng(seed, 'Website events');
  const events: Event[] = [];
  for (const user of webPopulation(seed)) {
    if (!user.tracked) continue;
    const push = (step: number, at: number) => events.push({ userId: user.userId, step, at });
    const arrival = EVENTS_START + rng.int(ARRIVAL_DAYS) * DAY_MS + timeOfDay(rng);
    const signupAt = arrival + signupDelay(rng);
    const trialAt = signupAt + trialDelay(rng);
    const paidAt = trialAt + Math.min(21 * DAY_MS, logNormal(rng, 11 * DAY_MS, 0.35));
    const skipSignup = user.stage >= 2 && rng.next() < SKIP_SIGNUP;
    const skipTrial = user.stage === 3 && rng.next() < SKIP_TRIAL;
    const lateVisit = user.stage >= 1 && !skipSignup && rng.next() < VISIT_AFTER_SIGNUP;
    const visitAt = lateVisit ? signupAt + (1 + rng.int(10)) * MINUTE_MS : arrival;

    push(0, visitAt);
    if (rng.next() < REPEAT_VISITS) {
      const repeats = 1 + poisson(rng, 1.2);
      for (let r = 0; r < repeats; r++) push(0, visitAt + 10 * MINUTE_MS + rng.next() * 30 * DAY_MS);
    }
    if (user.stage >= 1 && !skipSignup) {
      push(1, signupAt);
      if (rng.next() < DOUBLE_SIGNUP) push(1, signupAt + (1 + rng.int(20)) * 1000);
    }
    if (user.stage >= 2 && !skipTrial) push(2, trialAt);
    if (user.stage === 3) push(3, paidAt);
  }
  events.sort((a, b) => a.at - b.at || (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : a.step - b.step));

  return {
    name: 'Website events',
    description:
      `Event log of ${TRACKED_USERS} website users, March to September 2026: user_id, step (visit, signup, ` +
      'trial, paid) and timestamp (UTC). Trials last 14 days. Users also appear in "Users" (user_id) for ' +
      'channel and segment breakdowns; expect repeated visits, duplicate sign-ups, skipped steps and a few ' +
      'events logged out of order.',
    header: ['user_id', 'step', 'timestamp'],
    rows: events.map((e) => [e.userId, STAGES[e.step], isoDateTime(e.at)]),
  };
}

/** Milliseconds into the day, clustered around office hours (mean 14:00 UTC, sd 4 h). */
function timeOfDay(rng: Rng): number {
  const hours = (((14 + 4 * rng.normal()) % 24) + 24) % 24;
  return Math.floor(hours * 3_600_000);
}

/** Half sign up within the first session (minutes), the rest come back hours to days later. */
function signupDelay(rng: Rng): number {
  if (rng.next() < 0.55) return Math.min(45 * MINUTE_MS, logNormal(rng, 6 * MINUTE_MS, 0.7));
  return Math.min(20 * DAY_MS, logNormal(rng, 2 * DAY_MS, 1));
}

function trialDelay(rng: Rng): number {
  if (rng.next() < 0.6) return Math.min(40 * MINUTE_MS, logNormal(rng, 8 * MINUTE_MS, 0.6));
  return Math.min(10 * DAY_MS, logNormal(rng, 1.5 * DAY_MS, 0.9));
}

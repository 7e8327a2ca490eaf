import { websiteEventsDataset } from '../../../server/demo/website-events';
import { TRACKED_USERS } from '../../../server/demo/web-population';
import { strings } from './dataset-columns';

const dataset = websiteEventsDataset();
const users = strings(dataset, 'user_id');
const steps = strings(dataset, 'step');
const times = strings(dataset, 'timestamp');

/** Per user and step: the number of events and the first time (epoch ms). */
const journeys = new Map<string, Map<string, { count: number; first: number }>>();
users.forEach((user, i) => {
  const journey = journeys.get(user) ?? new Map<string, { count: number; first: number }>();
  journeys.set(user, journey);
  const at = Date.parse(times[i]);
  const seen = journey.get(steps[i]);
  if (seen) {
    seen.count++;
    seen.first = Math.min(seen.first, at);
  } else {
    journey.set(steps[i], { count: 1, first: at });
  }
});
const all = [...journeys.values()];
const count = (keep: (j: Map<string, { count: number; first: number }>) => boolean) => all.filter(keep).length;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const DAY = 86_400_000;

describe('websiteEventsDataset()', () => {
  it('logs 5,000 users with the four steps and ISO UTC timestamps from March 2026, sorted by time', () => {
    expect(journeys.size).toBe(TRACKED_USERS);
    expect([...new Set(steps)].sort()).toEqual(['paid', 'signup', 'trial', 'visit']);
    expect(times.every((t) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(t))).toBe(true);
    expect(times[0] >= '2026-03-01T00:00:00Z').toBe(true);
    expect(times[times.length - 1] < '2026-10-01T00:00:00Z').toBe(true);
    expect(times.every((t, i) => i === 0 || times[i - 1] <= t)).toBe(true);
  });

  it('has a low sign-up rate (10–30 %) and a moderate trial → paid rate (30–60 %)', () => {
    const visited = count((j) => j.has('visit'));
    const signedUp = count((j) => j.has('signup'));
    const trial = count((j) => j.has('trial'));
    const paid = count((j) => j.has('paid') && j.has('trial'));
    expect(visited).toBe(TRACKED_USERS);
    expect(signedUp / visited).toBeGreaterThan(0.1);
    expect(signedUp / visited).toBeLessThan(0.3);
    expect(paid / trial).toBeGreaterThan(0.3);
    expect(paid / trial).toBeLessThan(0.6);
  });

  it('spaces steps minutes to days apart: sign-up within hours (median), payment about a trial later', () => {
    const gap = (from: string, to: string) =>
      all.filter((j) => j.has(from) && j.has(to)).map((j) => (j.get(to)?.first ?? 0) - (j.get(from)?.first ?? 0));
    const signup = gap('visit', 'signup').filter((g) => g > 0);
    expect(median(signup)).toBeGreaterThan(60_000);
    expect(median(signup)).toBeLessThan(DAY);
    expect(Math.max(...signup)).toBeGreaterThan(DAY);
    const paid = gap('trial', 'paid');
    expect(median(paid)).toBeGreaterThan(5 * DAY);
    expect(median(paid)).toBeLessThan(16 * DAY);
    expect(Math.min(...paid)).toBeGreaterThan(0);
  });

  it('repeats events: many users visit more than once and a few sign up twice', () => {
    expect(count((j) => (j.get('visit')?.count ?? 0) > 1) / TRACKED_USERS).toBeGreaterThan(0.2);
    expect(count((j) => (j.get('signup')?.count ?? 0) > 1)).toBeGreaterThanOrEqual(5);
  });

  it('has users who skip a step: trial without sign-up, paid without trial', () => {
    expect(count((j) => j.has('trial') && !j.has('signup'))).toBeGreaterThanOrEqual(10);
    expect(count((j) => j.has('paid') && !j.has('trial'))).toBeGreaterThanOrEqual(5);
  });

  it('has a few out-of-order users whose sign-up precedes their first visit', () => {
    const outOfOrder = count((j) => j.has('signup') && (j.get('signup')?.first ?? 0) < (j.get('visit')?.first ?? 0));
    expect(outOfOrder).toBeGreaterThanOrEqual(10);
    expect(outOfOrder / TRACKED_USERS).toBeLessThan(0.02);
  });
});

import { usersDataset } from '../../../server/demo/users';
import { websiteEventsDataset } from '../../../server/demo/website-events';
import { argMax, groupRows, meanAt, numbers, strings } from './dataset-columns';

const dataset = usersDataset();
const events = websiteEventsDataset();
const userIds = strings(dataset, 'user_id');
const segment = strings(dataset, 'segment');
const channel = strings(dataset, 'acquisition_channel');
const converted = strings(dataset, 'converted');
const ltv = numbers(dataset, 'ltv');
const conversionRate = (rows: number[]) => rows.filter((r) => converted[r] === 'yes').length / rows.length;
const rates = (keys: string[]) => new Map([...groupRows(keys)].map(([key, rows]) => [key, conversionRate(rows)]));

describe('usersDataset()', () => {
  it('has one row per user with the documented segments, channels and yes/no conversion', () => {
    expect(new Set(userIds).size).toBe(dataset.rows.length);
    expect([...new Set(segment)].sort()).toEqual(['Consumer', 'Enterprise', 'SMB']);
    expect([...new Set(channel)].sort()).toEqual(['Direct', 'E-mail', 'Facebook', 'Google', 'LinkedIn', 'Referral']);
    expect([...new Set(converted)].sort()).toEqual(['no', 'yes']);
    expect(new Set(strings(dataset, 'status')).size).toBeGreaterThanOrEqual(4);
  });

  it('matches the event log’s users except about 2 % on either side', () => {
    const eventUsers = new Set(strings(events, 'user_id'));
    const known = new Set(userIds);
    const unmatchedUsers = userIds.filter((id) => !eventUsers.has(id)).length / userIds.length;
    const unmatchedEvents = [...eventUsers].filter((id) => !known.has(id)).length / eventUsers.size;
    for (const share of [unmatchedUsers, unmatchedEvents]) {
      expect(share).toBeGreaterThan(0.01);
      expect(share).toBeLessThan(0.03);
    }
  });

  it('marks as converted exactly the matched users who have a paid event', () => {
    const eventUsers = new Set(strings(events, 'user_id'));
    const steps = strings(events, 'step');
    const paid = new Set(strings(events, 'user_id').filter((_, i) => steps[i] === 'paid'));
    userIds.forEach((id, r) => {
      if (eventUsers.has(id)) expect(converted[r] === 'yes').toBe(paid.has(id));
    });
  });

  it('lets Direct convert best, by more than 1.5 times the next channel', () => {
    const byChannel = rates(channel);
    expect(argMax(byChannel)).toBe('Direct');
    const others = [...byChannel].filter(([key]) => key !== 'Direct').map(([, rate]) => rate);
    expect(byChannel.get('Direct')).toBeGreaterThan(1.5 * Math.max(...others));
  });

  it('lets both key segments, SMB and Enterprise, convert at under 60 % of the Consumer rate', () => {
    const bySegment = rates(segment);
    const consumer = bySegment.get('Consumer') ?? 0;
    expect(bySegment.get('SMB')).toBeLessThan(0.6 * consumer);
    expect(bySegment.get('Enterprise')).toBeLessThan(0.6 * consumer);
  });

  it('gives LinkedIn the highest mean ltv of paying users, over twice any other channel', () => {
    const payers = groupRows(channel.map((c, r) => (converted[r] === 'yes' ? c : '')));
    payers.delete('');
    const means = new Map([...payers].map(([key, rows]) => [key, meanAt(ltv, rows)]));
    expect(argMax(means)).toBe('LinkedIn');
    const others = [...means].filter(([key]) => key !== 'LinkedIn').map(([, mean]) => mean);
    expect(means.get('LinkedIn')).toBeGreaterThan(2 * Math.max(...others));
  });

  it('leaves about 4 % of ltv empty and gives non-converters an ltv of 0', () => {
    const missing = ltv.filter(Number.isNaN).length / ltv.length;
    expect(missing).toBeGreaterThan(0.03);
    expect(missing).toBeLessThan(0.05);
    ltv.forEach((value, r) => {
      if (!Number.isNaN(value)) expect(value > 0).toBe(converted[r] === 'yes');
    });
  });
});

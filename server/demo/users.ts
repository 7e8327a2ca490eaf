import type { DemoCell, DemoDataset } from './demo-dataset';
import { cents } from './format';
import { demoRng, shuffle } from './sampling';
import { TRACKED_USERS, UNTRACKED_USERS, webPopulation } from './web-population';

const MISSING_LTV = 0.04;
const CHURNED = 0.22;
const STATUS = ['lead', 'registered', 'trial expired'];

/**
 * "Users": the CRM's view of the prospects in "Website events", one row per user, sorted by user_id. It holds
 * {@link UNTRACKED_USERS} users signed up by sales whom no event matches and lacks as many tracked users
 * (deleted on request), so about 2 % match nothing on either side. Direct converts best; LinkedIn brings the
 * highest lifetime value per paying user; SMB and Enterprise, the two key segments, convert poorly.
 *
 * @example
 * usersDataset().header; // ['user_id', 'segment', 'status', 'acquisition_channel', 'converted', 'ltv']
 */
export function usersDataset(seed = 42): DemoDataset {
  const rng = demoRng(seed, 'Users');
  const population = webPopulation(seed);
  const trackedIds = population.filter((u) => u.tracked).map((u) => u.userId);
  const deleted = new Set(shuffle(rng, trackedIds).slice(0, UNTRACKED_USERS));
  const kept = population.filter((u) => !deleted.has(u.userId)).sort((a, b) => (a.userId < b.userId ? -1 : 1));

  const rows = kept.map((u): DemoCell[] => {
    const status = u.stage < 3 ? STATUS[u.stage] : rng.next() < CHURNED ? 'churned' : 'customer';
    const ltv = rng.next() < MISSING_LTV ? null : cents(u.ltv);
    return [u.userId, u.segment, status, u.channel, u.stage === 3 ? 'yes' : 'no', ltv];
  });

  return {
    name: 'Users',
    description:
      `${rows.length} prospects from the CRM: user_id (as in "Website events"; ${UNTRACKED_USERS} were signed up ` +
      `by sales and have no events, and ${UNTRACKED_USERS} tracked users were deleted from the CRM), segment ` +
      '(Consumer, SMB, Enterprise), status, acquisition_channel (LinkedIn, Google, Facebook, Direct, E-mail, ' +
      'Referral), converted (yes = became a paying customer) and ltv (lifetime revenue, EUR; 0 for users who never ' +
      `paid, empty where unknown). Out of ${TRACKED_USERS} tracked users.`,
    header: ['user_id', 'segment', 'status', 'acquisition_channel', 'converted', 'ltv'],
    rows,
  };
}

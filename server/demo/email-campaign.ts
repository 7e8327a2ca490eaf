import type { DemoCell, DemoDataset } from './demo-dataset';
import { cents, paddedId } from './format';
import { demoRng, logNormal, shuffle } from './sampling';

const GROUP_SIZE = 2000;
/** Last year's spend of a returning customer: a log-normal base (EUR) plus this share of this campaign's spend. */
const PRIOR_SPEND_MEDIAN = 80;
const PRIOR_SPEND_CARRY = 1.5;
const NEW_SHARE = 0.3;

interface Cell {
  group: string;
  customerType: string;
  /** Planted conversion rate: the number of converters is fixed, only who converts is random. */
  rate: number;
  /** Mean spend of a converter (EUR). */
  spend: number;
}

/** B wins among new customers and loses a little among returning ones, so overall the groups look alike. */
export const CAMPAIGN_CELLS: readonly Cell[] = [
  { group: 'control', customerType: 'new', rate: 0.08, spend: 58 },
  { group: 'control', customerType: 'returning', rate: 0.12, spend: 72 },
  { group: 'A', customerType: 'new', rate: 0.09, spend: 58 },
  { group: 'A', customerType: 'returning', rate: 0.12, spend: 72 },
  { group: 'B', customerType: 'new', rate: 0.145, spend: 60 },
  { group: 'B', customerType: 'returning', rate: 0.1, spend: 72 },
];

/**
 * "E-mail campaign": an A/B/n test of two e-mail variants against a control, about 2,000 customers each, one row
 * per customer. Conversion counts are planted per cell (group × customer type), so whatever the seed the overall
 * differences stay small (not significant at 0.05) while B is clearly better among new customers. last_year_spend
 * (0 for new customers) tracks this year's spend among returning ones: the pre-experiment covariate for CUPED, as the
 * Hillstrom e-mail test ships it.
 *
 * @example
 * emailCampaignDataset().header; // ['customer_id', 'group', 'customer_type', 'converted', 'spend', 'last_year_spend']
 */
export function emailCampaignDataset(seed = 42): DemoDataset {
  const rng = demoRng(seed, 'E-mail campaign');
  const customers: [string, string, number, number][] = [];
  const groups = new Map<string, { size: number; newCount: number }>();
  for (const cell of CAMPAIGN_CELLS) {
    let group = groups.get(cell.group);
    if (!group) {
      const groupSize = GROUP_SIZE + Math.round(12 * rng.normal());
      group = { size: groupSize, newCount: Math.round(groupSize * (NEW_SHARE + 0.01 * rng.normal())) };
      groups.set(cell.group, group);
    }
    const size = cell.customerType === 'new' ? group.newCount : group.size - group.newCount;
    const converters = Math.round(size * cell.rate);
    // Rescaled to the planted mean so that revenue differences come from conversion alone, not sampling noise.
    const draws = Array.from({ length: converters }, () => logNormal(rng, 1, 0.5));
    const scale = (cell.spend * converters) / draws.reduce((a, b) => a + b, 0);
    for (let i = 0; i < size; i++) {
      const converted = i < converters;
      customers.push([cell.group, cell.customerType, converted ? 1 : 0, converted ? cents(draws[i] * scale) : 0]);
    }
  }
  shuffle(rng, customers);
  // Last year's spend from a stream of its own, so the columns above stay as they were for every seed.
  const history = demoRng(seed, 'E-mail campaign last year');
  const lastYear = customers.map(([, customerType, , spend]) =>
    customerType === 'new' ? 0 : cents(logNormal(history, PRIOR_SPEND_MEDIAN, 0.5) + PRIOR_SPEND_CARRY * spend),
  );

  return {
    name: 'E-mail campaign',
    description:
      `${customers.length} customers randomly split between a control e-mail and variants A and B: group, ` +
      'customer_type (new, returning), converted (1 = bought within 14 days) and spend (revenue from the ' +
      'customer in those days, EUR; 0 for non-converters) and last_year_spend (EUR in the year before the test; 0 ' +
      'for new customers). Look at the results per customer_type, and use last_year_spend as a CUPED covariate.',
    header: ['customer_id', 'group', 'customer_type', 'converted', 'spend', 'last_year_spend'],
    rows: customers.map((c, i): DemoCell[] => [paddedId('EM-', 100001 + i, 6), ...c, lastYear[i]]),
  };
}

import type { DemoCell, DemoDataset } from './demo-dataset';
import { cents, paddedId } from './format';
import { demoRng, exactMix, logNormal, pickWeighted, shuffle } from './sampling';

const CUSTOMERS = 6000;
const MISSING_MINUTES = 0.03;

interface Persona {
  name: string;
  share: number;
  /** Weights of region codes 0 (Western Europe), 1 (North America), 2 (Asia-Pacific). */
  regions: readonly number[];
  /** Weights of channel codes 1..8. */
  channels: readonly number[];
  minutes: number;
  clv: number;
}

/**
 * The planted clusters. Each comes mainly through one channel, since a one-hot channel outweighs the numeric
 * features once scaled, and is recognisable by its regions, viewing time and value.
 */
export const CUSTOMER_PERSONAS: readonly Persona[] = [
  {
    name: 'Facebook followers',
    share: 0.17,
    regions: [2, 5, 2],
    channels: [1, 0, 0, 0, 0, 0, 0, 0],
    minutes: 620,
    clv: 85,
  },
  {
    name: 'North American searchers',
    share: 0.14,
    regions: [1, 8, 1],
    channels: [0, 1, 0, 0, 0, 0, 0, 0],
    minutes: 210,
    clv: 260,
  },
  {
    name: 'LinkedIn networkers',
    share: 0.1,
    regions: [3, 2, 0],
    channels: [0, 0, 1, 0, 0, 0, 0, 0],
    minutes: 90,
    clv: 1250,
  },
  {
    name: 'Asia-Pacific Instagram fans',
    share: 0.12,
    regions: [1, 1, 8],
    channels: [0, 0, 0, 1, 0, 0, 0, 0],
    minutes: 820,
    clv: 120,
  },
  {
    name: 'European YouTube bingers',
    share: 0.12,
    regions: [8, 1, 1],
    channels: [0, 0, 0, 0, 1, 0, 0, 0],
    minutes: 1400,
    clv: 210,
  },
  {
    name: 'E-mail loyalists',
    share: 0.13,
    regions: [5, 2, 1],
    channels: [0, 0, 0, 0, 0, 1, 0, 0],
    minutes: 300,
    clv: 780,
  },
  {
    name: 'Direct regulars',
    share: 0.12,
    regions: [1, 5, 1],
    channels: [0, 0, 0, 0, 0, 0, 1, 0],
    minutes: 520,
    clv: 560,
  },
  {
    name: 'Referred newcomers',
    share: 0.1,
    regions: [1, 1, 4],
    channels: [0, 0, 0, 0, 0, 0, 0, 1],
    minutes: 60,
    clv: 95,
  },
];

/**
 * "Customers": one row per streaming customer with minutes_watched (last month, ~3 % missing), clv, region and
 * acquisition channel as numeric codes, the way a CRM export hands them over. Drawn from eight planted
 * personas ({@link CUSTOMER_PERSONAS}); a small share of customers strays from its persona's region or channel.
 *
 * @example
 * customersDataset().rows[0].length; // 5
 */
export function customersDataset(seed = 42): DemoDataset {
  const rng = demoRng(seed, 'Customers');
  const shares = CUSTOMER_PERSONAS.map((p) => p.share);
  const personas = shuffle(rng, exactMix(CUSTOMERS, shares));

  const rows = personas.map((p, i): DemoCell[] => {
    const persona = CUSTOMER_PERSONAS[p];
    // A few customers stray from their persona, as real segments are never pure.
    const region = rng.next() < 0.04 ? rng.int(3) : pickWeighted(rng, persona.regions);
    const channel = 1 + (rng.next() < 0.04 ? rng.int(8) : pickWeighted(rng, persona.channels));
    const minutes = rng.next() < MISSING_MINUTES ? null : Math.round(logNormal(rng, persona.minutes, 0.3));
    const clv = cents(logNormal(rng, persona.clv, 0.3));
    return [paddedId('CUS-', 100001 + i, 6), minutes, clv, region, channel];
  });

  return {
    name: 'Customers',
    description:
      `${CUSTOMERS} streaming customers: minutes_watched last month (empty where not tracked), clv (customer ` +
      'lifetime value, EUR), region coded 0 = Western Europe, 1 = North America, 2 = Asia-Pacific, and channel ' +
      '(acquisition channel) coded 1 = Facebook, 2 = Google, 3 = LinkedIn, 4 = Instagram, 5 = YouTube, ' +
      '6 = E-mail, 7 = Direct, 8 = Referral. Treat region and channel as categorical.',
    header: ['customer_id', 'minutes_watched', 'clv', 'region', 'channel'],
    rows,
  };
}

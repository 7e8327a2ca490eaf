import type { RunningServer } from '../../server/bootstrap';
import demoFixture from '../fixtures/funnel/demo-events.json';
import { backends, datasetId, gql, type TestStorage, openTestServer, closeTestServer } from './helpers/server';

const FUNNEL = `query($input: FunnelInput!) { funnel(input: $input) {
  users unmatchedUsers order warnings
  steps { name users conversionFromPrevious conversionFromStart dropOff dropOffRate medianSecondsFromPrevious usersWithEvent }
  breakdown { value users steps { name users conversionFromStart } }
} }`;
/** The demo workspace's funnel: visit → signup → trial → paid over the Website events dataset. */
const DEMO_STEPS = ['visit', 'signup', 'trial', 'paid'];
const demoFunnel = (datasetId: string) => ({
  datasetId,
  userColumn: 'user_id',
  stepColumn: 'step',
  timeColumn: 'timestamp',
  steps: DEMO_STEPS,
});

const CHANNELS = `query($input: ChannelInput!) { channels(input: $input) {
  warnings
  overall { users conversions conversionRate avgValue paidCpa }
  channels { channel users conversions conversionRate spend clicks cpc costPerUser cpa avgValue totalValue roi roas ltvToCac recommendation reason }
  bySegment { segment channel users conversions conversionRate dropOff dropOffRate avgValue }
} }`;

describe.each(backends())('funnel and channels over HTTP on %s', (backend) => {
  let storage: TestStorage;
  let server: RunningServer;
  let events: string;
  let users: string;
  let costs: string;

  beforeAll(async () => {
    ({ storage, server } = await openTestServer(backend, { seedDemo: true }));
    events = await datasetId(server.url, 'Website events');
    users = await datasetId(server.url, 'Users');
    costs = await datasetId(server.url, 'Channel costs');
  });
  afterAll(() => closeTestServer(server, storage));

  it('reads the demo funnel: low sign-up, moderate trial-to-paid, consistent counts', async () => {
    const res = await gql(server.url, FUNNEL, {
      input: {
        ...demoFunnel(events),
      },
    });
    expect(res.errors).toBeUndefined();
    const f = res.data!.funnel;
    expect(f.order).toBe('ORDERED');
    expect(f.steps.map((s: { name: string }) => s.name)).toEqual(DEMO_STEPS);
    expect(f.users).toBe(f.steps[0].users);
    for (let i = 1; i < 4; i++) {
      const [prev, step] = [f.steps[i - 1], f.steps[i]];
      expect(step.users).toBeLessThanOrEqual(prev.users);
      expect(step.dropOff).toBe(prev.users - step.users);
      expect(step.conversionFromPrevious).toBeCloseTo(step.users / prev.users, 12);
      expect(step.conversionFromStart).toBeCloseTo(step.users / f.users, 12);
      expect(step.medianSecondsFromPrevious).toBeGreaterThan(0);
    }
    expect(f.steps[1].conversionFromPrevious).toBeLessThan(0.3);
    expect(f.steps[3].conversionFromPrevious).toBeGreaterThan(0.3);
  });

  it('breaks the funnel down by an attribute joined from the users table and reports unmatched users', async () => {
    const res = await gql(server.url, FUNNEL, {
      input: {
        ...demoFunnel(events),
        attributes: { datasetId: users, userColumn: 'user_id', column: 'segment' },
      },
    });
    expect(res.errors).toBeUndefined();
    const f = res.data!.funnel;
    expect(f.unmatchedUsers).toBeGreaterThan(0);
    expect(f.warnings.join(' ')).toMatch(/match/i);
    const total = f.breakdown.reduce((s: number, b: { users: number }) => s + b.users, 0);
    expect(total).toBe(f.users);
    const paid = f.breakdown.reduce((s: number, b: { steps: { users: number }[] }) => s + b.steps[3].users, 0);
    expect(paid).toBe(f.steps[3].users);
  });

  it('applies exclusions and per-step windows and gives the time to convert, as the pandas fixture', async () => {
    const variant = demoFixture.variants[1];
    const query = `query($input: FunnelInput!) { funnel(input: $input) {
      steps { name users timeToConvert { p25 median p75 p90 mean } } } }`;
    const res = await gql(server.url, query, { input: { ...demoFunnel(events), ...variant.options } });
    expect(res.errors).toBeUndefined();
    expect(res.data!.funnel.steps).toEqual(
      variant.expected.steps.map(({ name, users, timeToConvert }) => ({ name, users, timeToConvert })),
    );
  });

  it('refuses an exclusion of an event that is not in the data with BAD_USER_INPUT naming the argument', async () => {
    const res = await gql(server.url, FUNNEL, {
      input: { ...demoFunnel(events), exclusions: [{ step: 'refund', afterStep: 1, beforeStep: 2 }] },
    });
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].message).toMatch(/^exclusions: step "refund" not found/);
  });

  it('refuses a step that is not in the data, listing the steps that are', async () => {
    const res = await gql(server.url, FUNNEL, {
      input: { datasetId: events, userColumn: 'user_id', stepColumn: 'step', steps: ['visit', 'checkout'] },
    });
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].message).toMatch(/checkout.*visit.*signup.*trial.*paid/s);
  });

  it('judges the demo channels: LinkedIn costs most per acquisition, Direct converts best, ratios from totals', async () => {
    const res = await gql(server.url, CHANNELS, {
      input: {
        datasetId: users,
        channelColumn: 'acquisition_channel',
        convertedColumn: 'converted',
        valueColumn: 'ltv',
        segmentColumn: 'segment',
        costs: {
          datasetId: costs,
          channelColumn: 'channel',
          spendColumn: 'spend',
          clicksColumn: 'clicks',
          impressionsColumn: 'impressions',
        },
      },
    });
    expect(res.errors).toBeUndefined();
    const report = res.data!.channels;
    const by = (name: string) => report.channels.find((c: { channel: string }) => c.channel === name);
    const linkedIn = by('LinkedIn');
    const direct = by('Direct');
    const paid = report.channels.filter(
      (c: { spend: number | null; conversions: number }) => (c.spend ?? 0) > 0 && c.conversions > 0,
    );
    expect(Math.max(...paid.map((c: { cpa: number }) => c.cpa))).toBe(linkedIn.cpa);
    expect(
      Math.max(
        ...report.channels
          .filter((c: { users: number }) => c.users > 0)
          .map((c: { conversionRate: number }) => c.conversionRate),
      ),
    ).toBe(direct.conversionRate);
    for (const c of paid) {
      expect(c.cpa).toBeCloseTo(c.spend / c.conversions, 9);
      expect(c.roas).toBeCloseTo(c.totalValue / c.spend, 9);
      expect(c.ltvToCac).toBeCloseTo(c.avgValue / c.cpa, 9);
      expect(c.cpc).toBeCloseTo(c.spend / c.clicks, 9);
      expect(c.reason.length).toBeGreaterThan(10);
    }
    expect(['REDUCE', 'REMOVE']).toContain(linkedIn.recommendation);
    // LinkedIn brings the highest value per converter even so.
    expect(Math.max(...report.channels.map((c: { avgValue: number | null }) => c.avgValue ?? 0))).toBe(
      linkedIn.avgValue,
    );
    expect(direct.roas).toBeNull(); // no spend: no return on it
    expect(report.warnings.join(' ')).toMatch(/TikTok/);
    expect(report.bySegment.length).toBeGreaterThan(0);
    for (const s of report.bySegment) expect(s.dropOff).toBe(s.users - s.conversions);
  });

  it('gives the demo channels’ unit economics at a 40% margin over 24 months, from totals', async () => {
    const query = `query($input: ChannelInput!) { channels(input: $input) { warnings
      channels { channel spend conversions cpa avgValue totalValue contribution breakEvenCpa marginLtvToCac
                 paybackMonths health } } }`;
    const res = await gql(server.url, query, {
      input: {
        datasetId: users,
        channelColumn: 'acquisition_channel',
        convertedColumn: 'converted',
        valueColumn: 'ltv',
        margin: 0.4,
        lifetimeMonths: 24,
        costs: { datasetId: costs, channelColumn: 'channel', spendColumn: 'spend' },
      },
    });
    expect(res.errors).toBeUndefined();
    const channels = res.data!.channels.channels;
    for (const c of channels) {
      if (c.totalValue !== null) expect(c.contribution).toBeCloseTo(c.totalValue * 0.4, 6);
      if (c.avgValue === null || !(c.spend > 0) || !c.conversions) {
        expect(c.health).toBe('UNKNOWN');
        continue;
      }
      expect(c.breakEvenCpa).toBeCloseTo(c.avgValue * 0.4, 9);
      expect(c.marginLtvToCac).toBeCloseTo((c.avgValue * 0.4) / c.cpa, 9);
      expect(c.paybackMonths).toBeCloseTo(c.cpa / ((c.avgValue * 0.4) / 24), 9);
      const ratio = c.marginLtvToCac;
      expect(c.health).toBe(ratio >= 3 ? 'PROFITABLE' : ratio >= 1 ? 'MARGINAL' : 'LOSS');
    }
    expect(channels.some((c: { health: string }) => c.health === 'UNKNOWN')).toBe(true);
    expect(res.data!.channels.warnings.join(' ')).toMatch(/health: UNKNOWN for .*"Direct" \(no spend\)/);
  });

  it('refuses a margin above 1 with BAD_USER_INPUT naming the argument', async () => {
    const res = await gql(server.url, CHANNELS, {
      input: { datasetId: users, channelColumn: 'acquisition_channel', margin: 40 },
    });
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].message).toMatch(/^margin: 40 is not a gross margin/);
  });

  it('refuses negative spend, naming the row', async () => {
    const res = await gql(server.url, CHANNELS, {
      input: {
        table: {
          header: ['channel', 'converted'],
          rows: [
            ['Google', 1],
            ['Bing', 0],
          ],
        },
        channelColumn: 'channel',
        convertedColumn: 'converted',
        costs: {
          table: {
            header: ['channel', 'spend'],
            rows: [
              ['Google', 100],
              ['Bing', -5],
            ],
          },
          channelColumn: 'channel',
          spendColumn: 'spend',
        },
      },
    });
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].message).toMatch(/row 2/);
  });
});

describe('funnel and channels broken down by a stored segmentation', () => {
  let storage: TestStorage;
  let server: RunningServer;

  beforeAll(async () => ({ storage, server } = await openTestServer('sqlite', { seedDemo: true })));
  afterAll(() => closeTestServer(server, storage));

  it('joins the segmentation on its key column and reports users it does not cover', async () => {
    const users = await datasetId(server.url, 'Users');
    const run = await gql(
      server.url,
      'mutation($input: SegmentInput!) { segment(input: $input) { id segments { name size } } }',
      {
        input: { datasetId: users, features: ['ltv'], k: 2, keyColumn: 'user_id' },
      },
    );
    expect(run.errors).toBeUndefined();
    const segmentationId = run.data!.segment.id;
    const names = run.data!.segment.segments.map((s: { name: string }) => s.name);

    const funnel = await gql(server.url, FUNNEL, {
      input: {
        ...demoFunnel(await datasetId(server.url, 'Website events')),
        segmentationId,
      },
    });
    expect(funnel.errors).toBeUndefined();
    const f = funnel.data!.funnel;
    expect(f.unmatchedUsers).toBeGreaterThan(0); // ~2% of event users are not in the users table
    const segmentValues = f.breakdown.map((b: { value: string }) => b.value).filter((v: string) => names.includes(v));
    expect(segmentValues.length).toBe(2);
    expect(f.breakdown.reduce((s: number, b: { users: number }) => s + b.users, 0)).toBe(f.users);

    const channels = await gql(server.url, CHANNELS, {
      input: {
        datasetId: users,
        channelColumn: 'acquisition_channel',
        convertedColumn: 'converted',
        valueColumn: 'ltv',
        segmentationId,
        userColumn: 'user_id',
      },
    });
    expect(channels.errors).toBeUndefined();
    const segmentsSeen = new Set(channels.data!.channels.bySegment.map((s: { segment: string }) => s.segment));
    for (const name of names) expect(segmentsSeen.has(name)).toBe(true);
    const byChannel = new Map<string, number>();
    for (const s of channels.data!.channels.bySegment)
      byChannel.set(s.channel, (byChannel.get(s.channel) ?? 0) + s.users);
    for (const c of channels.data!.channels.channels) expect(byChannel.get(c.channel) ?? 0).toBe(c.users);
  });

  it('refuses an unknown segmentation id with NOT_FOUND', async () => {
    const res = await gql(server.url, CHANNELS, {
      input: {
        table: { header: ['user', 'channel'], rows: [['u1', 'Google']] },
        channelColumn: 'channel',
        segmentationId: '3f1c9a52-0000-4000-8000-000000000000',
        userColumn: 'user',
      },
    });
    expect(res.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });
});

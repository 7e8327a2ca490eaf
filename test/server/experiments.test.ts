import type { RunningServer } from '../../server/bootstrap';
import { backends, datasetId, gql, type TestStorage, openTestServer, closeTestServer } from './helpers/server';

const EXPERIMENT = `query($input: ExperimentInput!) {
  experiment(input: $input) {
    control alpha correction warnings
    variants { name isControl users conversions conversionRate absoluteLift relativeLift ciLow ciHigh zScore pValue
               adjustedPValue significant probabilityToBeatControl revenuePerUser revenueDiff revenuePValue incrementalRevenue }
    chiSquare { statistic pValue dof }
    srm { statistic pValue dof }
    segments { column value warnings variants { name users conversionRate pValue adjustedPValue significant } }
  }
}`;

const campaignInput = (datasetId: string) => ({
  datasetId,
  variantColumn: 'group',
  control: 'control',
  conversionColumn: 'converted',
  revenueColumn: 'spend',
});

describe.each(backends())('experiment and sampleSize over HTTP on %s', (backend) => {
  let storage: TestStorage;
  let server: RunningServer;
  let campaign: string;

  beforeAll(async () => {
    ({ storage, server } = await openTestServer(backend, { seedDemo: true }));
    campaign = await datasetId(server.url, 'E-mail campaign');
  });
  afterAll(() => closeTestServer(server, storage));

  it('reads the demo campaign as the analysts did: nothing significant overall, B ahead among new customers', async () => {
    const res = await gql(server.url, EXPERIMENT, {
      input: {
        datasetId: campaign,
        variantColumn: 'group',
        control: 'control',
        conversionColumn: 'converted',
        revenueColumn: 'spend',
        segmentColumns: ['customer_type'],
      },
    });
    expect(res.errors).toBeUndefined();
    const report = res.data!.experiment;
    expect(report).toMatchObject({ control: 'control', alpha: 0.05, correction: 'HOLM' });
    expect(report.variants.map((v: { name: string }) => v.name).sort()).toEqual(['A', 'B', 'control']);
    const users = report.variants.reduce((s: number, v: { users: number }) => s + v.users, 0);
    expect(users).toBe(5970);
    for (const v of report.variants) {
      expect(v.conversionRate).toBeCloseTo(v.conversions / v.users, 12);
      if (v.isControl) continue;
      expect(v.significant).toBe(false);
      expect(v.adjustedPValue).toBeGreaterThanOrEqual(v.pValue);
      expect(v.ciLow).toBeLessThan(0);
      expect(v.ciHigh).toBeGreaterThan(0);
    }
    expect(report.chiSquare.dof).toBe(2);
    expect(report.chiSquare.pValue).toBeGreaterThan(0.05);
    const newCustomers = report.segments.find((s: { value: string }) => s.value === 'new');
    const b = newCustomers.variants.find((v: { name: string }) => v.name === 'B');
    const control = newCustomers.variants.find((v: { name: string }) => v.name === 'control');
    expect(b.conversionRate).toBeGreaterThan(control.conversionRate);
    expect(b.pValue).toBeLessThan(0.05);
    expect(newCustomers.warnings.concat(report.warnings).join(' ')).toMatch(/exploratory/i);
  });

  it('reads the campaign with CUPED on last year’s spend: same difference in expectation, less variance', async () => {
    const query = `query($input: ExperimentInput!) { experiment(input: $input) {
      variants { name revenueDiff revenueCiLow revenueCiHigh revenuePValue
                 cuped { theta varianceReduction revenuePerUser revenueDiff ciLow ciHigh pValue } } } }`;
    const res = await gql(server.url, query, {
      input: { ...campaignInput(campaign), covariateColumn: 'last_year_spend', correction: 'BENJAMINI_HOCHBERG' },
    });
    expect(res.errors).toBeUndefined();
    for (const v of res.data!.experiment.variants) {
      if (v.name === 'control') {
        expect(v.cuped).toBeNull();
        continue;
      }
      expect(v.cuped.theta).toBeGreaterThan(0);
      expect(v.cuped.varianceReduction).toBeGreaterThan(0.1);
      // a narrower interval than the unadjusted one: the variance CUPED removed
      expect(v.cuped.ciHigh - v.cuped.ciLow).toBeLessThan(v.revenueCiHigh - v.revenueCiLow);
      expect(v.cuped.revenueDiff).toBeCloseTo(v.revenueDiff, -1);
    }
  });

  it('gives always-valid p-values with sequential: never below the fixed-horizon ones, with a warning', async () => {
    const query = `query($input: ExperimentInput!) { experiment(input: $input) {
      warnings variants { name pValue ciLow ciHigh revenuePValue } } }`;
    const [fixed, sequential] = await Promise.all(
      [false, true].map((flag) => gql(server.url, query, { input: { ...campaignInput(campaign), sequential: flag } })),
    );
    expect(sequential.errors).toBeUndefined();
    const fixedBy = new Map(fixed.data!.experiment.variants.map((v: { name: string }) => [v.name, v]));
    for (const v of sequential.data!.experiment.variants) {
      if (v.pValue === null) continue;
      const f = fixedBy.get(v.name) as { pValue: number; ciLow: number; ciHigh: number; revenuePValue: number };
      expect(v.pValue).toBeGreaterThanOrEqual(f.pValue);
      expect(v.revenuePValue).toBeGreaterThanOrEqual(f.revenuePValue);
      expect(v.ciHigh - v.ciLow).toBeGreaterThan(f.ciHigh - f.ciLow);
    }
    expect(sequential.data!.experiment.warnings[0]).toMatch(/^sequential: .*however often you look/);
  });

  it('reads the campaign per segment of a stored segmentation, by row position or joined on the key', async () => {
    const run = await gql(
      server.url,
      'mutation($input: SegmentInput!) { segment(input: $input) { id segments { name size } } }',
      {
        input: {
          datasetId: campaign,
          features: ['last_year_spend'],
          logTransform: ['last_year_spend'],
          k: 3,
          restarts: 1,
          keyColumn: 'customer_id',
        },
      },
    );
    expect(run.errors).toBeUndefined();
    const segmentationId = run.data!.segment.id;
    const names = run.data!.segment.segments.map((s: { name: string }) => s.name).sort();
    const query = `query($input: ExperimentInput!) { experiment(input: $input) {
      warnings segments { column value warnings variants { name users pValue adjustedPValue } } } }`;
    const byPosition = await gql(server.url, query, { input: { ...campaignInput(campaign), segmentationId } });
    expect(byPosition.errors).toBeUndefined();
    const segments = byPosition.data!.experiment.segments;
    expect(segments.map((s: { value: string }) => s.value).sort()).toEqual(names);
    for (const s of segments) {
      expect(s.column).toBe('segment');
      expect(s.warnings[0]).toMatch(/^exploratory: one of \d+ segment × variant tests across 3 segments/);
    }
    const users = segments.reduce(
      (sum: number, s: { variants: { users: number }[] }) => sum + s.variants.reduce((a, v) => a + v.users, 0),
      0,
    );
    expect(users).toBe(5970);
    const joined = await gql(server.url, query, {
      input: { ...campaignInput(campaign), segmentationId, userColumn: 'customer_id' },
    });
    expect(joined.data!.experiment.segments).toEqual(segments);

    const inline = await gql(server.url, query, {
      input: {
        table: {
          header: ['group', 'converted'],
          rows: [
            ['control', 1],
            ['B', 0],
            ['control', 0],
            ['B', 1],
          ],
        },
        variantColumn: 'group',
        control: 'control',
        conversionColumn: 'converted',
        segmentationId,
      },
    });
    expect(inline.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(inline.errors?.[0].message).toMatch(/^userColumn: segmentation .* give userColumn/);
  });

  it('answers NOT_FOUND for an unknown segmentationId', async () => {
    const res = await gql(server.url, EXPERIMENT, {
      input: { ...campaignInput(campaign), segmentationId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(res.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('takes an inline table as well as a stored dataset', async () => {
    // 2 of 4 control users convert, 3 of 4 B users: lift 0.25.
    const rows = [
      ['control', 1],
      ['control', 0],
      ['control', 1],
      ['control', 0],
      ['B', 1],
      ['B', 1],
      ['B', 0],
      ['B', 1],
    ];
    const res = await gql(server.url, EXPERIMENT, {
      input: {
        table: { header: ['group', 'converted'], rows },
        variantColumn: 'group',
        control: 'control',
        conversionColumn: 'converted',
      },
    });
    expect(res.errors).toBeUndefined();
    const b = res.data!.experiment.variants.find((v: { name: string }) => v.name === 'B');
    expect(b.absoluteLift).toBeCloseTo(0.25, 12);
    expect(b.relativeLift).toBeCloseTo(0.5, 12);
  });

  it.each([
    [{ control: 'holdout' }, 'control: "holdout" is not a value of column "group"; the values are "B", "A", "control"'],
    [{ alpha: 1.5 }, /alpha/],
    [{ variantColumn: 'nope' }, /no column "nope"/],
    [{ conversionColumn: 'spend' }, /row \d+/],
    [{ revenueColumn: 'spend', covariateColumn: 'nope' }, /no column "nope"/],
    [{ covariateColumn: 'last_year_spend' }, 'covariateColumn: CUPED adjusts revenue, so it needs a revenueColumn'],
    [{ sequentialTuning: 800 }, 'sequentialTuning: only applies with sequential: true'],
    [{ sequential: true, sequentialTuning: -5 }, /^sequentialTuning: -5 must be a number of users above 0/],
    [{ userColumn: 'customer_id' }, /^userColumn: only used to join a segmentationId/],
  ])('refuses bad input %p with BAD_USER_INPUT', async (change, message) => {
    const res = await gql(server.url, EXPERIMENT, {
      input: {
        datasetId: campaign,
        variantColumn: 'group',
        control: 'control',
        conversionColumn: 'converted',
        ...change,
      },
    });
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].message).toMatch(message);
  });

  it('refuses both a dataset and an inline table', async () => {
    const res = await gql(server.url, EXPERIMENT, {
      input: {
        datasetId: campaign,
        table: { header: ['g'], rows: [['a']] },
        variantColumn: 'g',
        control: 'a',
        conversionColumn: 'g',
      },
    });
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].message).toBe('input: give exactly one of datasetId and table');
  });

  it('sampleSize matches statsmodels NormalIndPower for a 10% baseline and a 2-point effect', async () => {
    const res = await gql(
      server.url,
      '{ sampleSize(input: { baselineRate: 0.1, minimumDetectableEffect: 0.02 }) { usersPerVariant totalUsers alphaPerComparison } }',
    );
    // statsmodels: NormalIndPower().solve_power(proportion_effectsize(0.12, 0.10), alpha=0.05, power=0.8) = 3834.6
    expect(res.data!.sampleSize).toEqual({ usersPerVariant: 3835, totalUsers: 7670, alphaPerComparison: 0.05 });
  });
});

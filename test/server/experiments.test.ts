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

import { Field, Float, Int, ObjectType } from 'type-graphql';
import { TestResult } from '../graphql/test-result.type';
import { Correction } from './experiment.input';

@ObjectType({
  description:
    'CUPED on revenue per user as gbstats’ regression adjustment: theta = cov(revenue, covariate) / var(covariate) ' +
    'over the variant and the control together; adjusted value = revenue − theta × (covariate − its mean).',
})
export class CupedResult {
  @Field(() => Float) theta!: number;
  @Field(() => Float, {
    nullable: true,
    description: '1 − Var(adjusted difference) / Var(unadjusted difference)',
  })
  varianceReduction!: number | null;
  @Field(() => Float, { description: 'the variant’s mean adjusted revenue per user' }) revenuePerUser!: number;
  @Field(() => Float, { description: 'adjusted revenue per user − the control’s' }) revenueDiff!: number;
  @Field(() => Float, { nullable: true, description: 'Welch interval of revenueDiff (always-valid when sequential)' })
  ciLow!: number | null;
  @Field(() => Float, { nullable: true }) ciHigh!: number | null;
  @Field(() => Float, {
    nullable: true,
    description: 'Welch’s t on the adjusted values (always-valid when sequential)',
  })
  pValue!: number | null;
}

@ObjectType({ description: 'One variant against the control.' })
export class VariantResult {
  @Field() name!: string;
  @Field() isControl!: boolean;
  @Field(() => Int) users!: number;
  @Field(() => Int) conversions!: number;
  @Field(() => Float, { nullable: true }) conversionRate!: number | null;
  @Field(() => Float, { nullable: true, description: 'conversion rate − the control’s' }) absoluteLift!: number | null;
  @Field(() => Float, { nullable: true, description: 'conversion rate / the control’s − 1' }) relativeLift!:
    number | null;
  @Field(() => Float, { nullable: true, description: 'Wald interval of absoluteLift at 1 − alpha' }) ciLow!:
    number | null;
  @Field(() => Float, { nullable: true }) ciHigh!: number | null;
  @Field(() => Float, { nullable: true, description: 'pooled two-proportion z (statsmodels proportions_ztest)' })
  zScore!: number | null;
  @Field(() => Float, { nullable: true }) pValue!: number | null;
  @Field(() => Float, { nullable: true }) adjustedPValue!: number | null;
  @Field() significant!: boolean;
  @Field(() => Float, {
    nullable: true,
    description: 'P(rate > control’s rate) under Beta(1 + conversions, 1 + failures) posteriors',
  })
  probabilityToBeatControl!: number | null;
  @Field(() => Float, { nullable: true }) revenuePerUser!: number | null;
  @Field(() => Float, { nullable: true, description: 'average ticket' }) revenuePerConverter!: number | null;
  @Field(() => Float, { nullable: true }) totalRevenue!: number | null;
  @Field(() => Float, { nullable: true, description: 'revenue per user − the control’s' }) revenueDiff!: number | null;
  @Field(() => Float, { nullable: true, description: 'Welch’s t-test (scipy ttest_ind, equal_var=False)' })
  revenuePValue!: number | null;
  @Field(() => Float, { nullable: true }) revenueCiLow!: number | null;
  @Field(() => Float, { nullable: true }) revenueCiHigh!: number | null;
  @Field(() => Float, { nullable: true, description: 'revenueDiff × users' }) incrementalRevenue!: number | null;
  @Field(() => CupedResult, {
    nullable: true,
    description: 'CUPED on revenue with covariateColumn; null for the control',
  })
  cuped!: CupedResult | null;
}

@ObjectType({ description: 'Variant b against variant a (lift = rate b − rate a).' })
export class PairwiseResult {
  @Field() a!: string;
  @Field() b!: string;
  @Field(() => Float, { nullable: true }) absoluteLift!: number | null;
  @Field(() => Float, { nullable: true }) zScore!: number | null;
  @Field(() => Float, { nullable: true }) pValue!: number | null;
  @Field(() => Float, { nullable: true }) adjustedPValue!: number | null;
  @Field() significant!: boolean;
  @Field(() => Float, { nullable: true }) ciLow!: number | null;
  @Field(() => Float, { nullable: true }) ciHigh!: number | null;
}

@ObjectType({ description: 'The report over the rows of one segment value.' })
export class SegmentExperiment {
  @Field() column!: string;
  @Field() value!: string;
  @Field(() => [VariantResult]) variants!: VariantResult[];
  @Field(() => TestResult) chiSquare!: TestResult;
  @Field(() => TestResult) srm!: TestResult;
  @Field(() => [PairwiseResult]) pairwise!: PairwiseResult[];
  @Field(() => [String]) warnings!: string[];
}

@ObjectType({ description: 'An A/B test read as a statistician would.' })
export class ExperimentReport {
  @Field() control!: string;
  @Field(() => Float) alpha!: number;
  @Field(() => Correction) correction!: Correction;
  @Field(() => [VariantResult]) variants!: VariantResult[];
  @Field(() => TestResult, { description: 'chi-square test of independence (no continuity correction)' })
  chiSquare!: TestResult;
  @Field(() => TestResult, { description: 'sample ratio mismatch: users per variant against the expected split' })
  srm!: TestResult;
  @Field(() => [PairwiseResult]) pairwise!: PairwiseResult[];
  @Field(() => [SegmentExperiment]) segments!: SegmentExperiment[];
  @Field(() => [String]) warnings!: string[];
}

@ObjectType({ description: 'Users a conversion test needs (statsmodels NormalIndPower, Cohen’s h).' })
export class SampleSizeResult {
  @Field(() => Int) usersPerVariant!: number;
  @Field(() => Int) totalUsers!: number;
  @Field(() => Float) exactUsersPerVariant!: number;
  @Field(() => Float) effectSize!: number;
  @Field(() => Float) alphaPerComparison!: number;
}

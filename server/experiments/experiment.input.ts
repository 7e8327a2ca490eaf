import { Field, Float, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { TableSourceInput } from '../analysis/table-source.input';

export enum Correction {
  NONE = 'NONE',
  BONFERRONI = 'BONFERRONI',
  HOLM = 'HOLM',
  BENJAMINI_HOCHBERG = 'BENJAMINI_HOCHBERG',
}
registerEnumType(Correction, {
  name: 'Correction',
  description:
    'Multiple-comparison correction of the p-values, as statsmodels multipletests: bonferroni, holm (family-wise ' +
    'error) or fdr_bh (Benjamini–Hochberg: the expected share of false discoveries, for many metrics or segments).',
});

export enum Alternative {
  TWO_SIDED = 'two-sided',
  LARGER = 'larger',
  SMALLER = 'smaller',
}
registerEnumType(Alternative, { name: 'Alternative', description: 'The direction a test looks for an effect in.' });

@InputType({ description: 'An A/B test: one row per user with their variant, conversion and revenue.' })
export class ExperimentInput extends TableSourceInput {
  @Field({ description: 'The column naming each user’s variant (A, B, control …).' })
  variantColumn!: string;

  @Field({ description: 'The control’s value in variantColumn.' })
  control!: string;

  @Field({ description: '1/0, true/false or yes/no per user.' })
  conversionColumn!: string;

  @Field({ nullable: true, description: 'Revenue per user (0 or blank for non-converters).' })
  revenueColumn?: string;

  @Field(() => [String], { nullable: true, description: 'Columns to repeat the whole report for, value by value.' })
  segmentColumns?: string[];

  @Field(() => Float, { nullable: true, description: 'Significance level, default 0.05.' })
  alpha?: number;

  @Field(() => Correction, { nullable: true, description: 'Default HOLM.' })
  correction?: Correction;

  @Field({
    nullable: true,
    description:
      'A pre-experiment covariate per user (last year’s spend; blank = 0) for CUPED on revenue: each variant gets ' +
      'a `cuped` readout with theta, the variance removed and the adjusted difference. Needs revenueColumn.',
  })
  covariateColumn?: string;

  @Field({
    nullable: true,
    description:
      'Always-valid p-values and intervals (gbstats’ two-sided sequential test) in place of the conversion and ' +
      'revenue ones: use when you look at results while the test runs and may stop early. Default false.',
  })
  sequential?: boolean;

  @Field(() => Int, {
    nullable: true,
    description: 'The sequential test’s tuning: the users at which its interval is narrowest (default 5000).',
  })
  sequentialTuning?: number;

  @Field(() => ID, {
    nullable: true,
    description:
      'A stored segmentation: one exploratory readout per segment (segments with column "segment"), corrected ' +
      'across all segment × variant tests as one family. Joined on userColumn, or by row position when the ' +
      'segmentation was made on this same dataset.',
  })
  segmentationId?: string;

  @Field({
    nullable: true,
    description: 'The user id column, to join segmentationId on the segmentation’s key column.',
  })
  userColumn?: string;

  @Field({ nullable: true, description: 'Also compare every pair of non-control variants.' })
  pairwise?: boolean;

  @Field(() => [Float], {
    nullable: true,
    description:
      'Expected share of users per variant (order of first appearance) for the sample-ratio check; equal by default.',
  })
  expectedSplit?: number[];
}

@InputType({ description: 'Planning: how many users a conversion test needs.' })
export class SampleSizeInput {
  @Field(() => Float, { description: 'The control’s expected conversion rate, e.g. 0.1.' })
  baselineRate!: number;

  @Field(() => Float, { description: 'The smallest absolute change worth detecting, e.g. 0.02 (two points).' })
  minimumDetectableEffect!: number;

  @Field(() => Float, { nullable: true, description: 'Default 0.05.' })
  alpha?: number;

  @Field(() => Float, { nullable: true, description: 'Default 0.8.' })
  power?: number;

  @Field(() => Int, { nullable: true, description: 'Groups including the control; default 2.' })
  variants?: number;

  @Field(() => Alternative, { nullable: true, description: 'Default two-sided.' })
  alternative?: Alternative;
}

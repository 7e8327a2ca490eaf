import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum Recommendation {
  INVEST = 'INVEST',
  MAINTAIN = 'MAINTAIN',
  REDUCE = 'REDUCE',
  REMOVE = 'REMOVE',
}
registerEnumType(Recommendation, { name: 'Recommendation' });

export enum ChannelHealth {
  PROFITABLE = 'PROFITABLE',
  MARGINAL = 'MARGINAL',
  LOSS = 'LOSS',
  UNKNOWN = 'UNKNOWN',
}
registerEnumType(ChannelHealth, {
  name: 'ChannelHealth',
  description:
    'From marginLtvToCac: PROFITABLE at or above targetLtvToCac, MARGINAL at or above 1, LOSS below 1, UNKNOWN ' +
    'without spend, conversions or values.',
});

@ObjectType({ description: 'One acquisition channel: volume, conversion, cost and value, all ratios from totals.' })
export class ChannelMetrics {
  @Field() channel!: string;
  @Field(() => Int) users!: number;
  @Field(() => Int, { nullable: true }) conversions!: number | null;
  @Field(() => Float, { nullable: true }) conversionRate!: number | null;
  @Field(() => Float, { nullable: true }) spend!: number | null;
  @Field(() => Float, { nullable: true }) clicks!: number | null;
  @Field(() => Float, { nullable: true }) impressions!: number | null;
  @Field(() => Float, { nullable: true, description: 'spend / clicks' }) cpc!: number | null;
  @Field(() => Float, { nullable: true, description: 'spend / users' }) costPerUser!: number | null;
  @Field(() => Float, { nullable: true, description: 'spend / conversions (cost per paid acquisition)' }) cpa!:
    number | null;
  @Field(() => Float, { nullable: true, description: 'mean value of converters' }) avgValue!: number | null;
  @Field(() => Float, { nullable: true, description: 'sum of value over converters' }) totalValue!: number | null;
  @Field(() => Float, { nullable: true, description: '(totalValue − spend) / spend' }) roi!: number | null;
  @Field(() => Float, { nullable: true, description: 'totalValue / spend' }) roas!: number | null;
  @Field(() => Float, { nullable: true, description: 'avgValue / cpa' }) ltvToCac!: number | null;
  @Field(() => Int, { description: 'rows of this channel with no value' }) missingValues!: number;
  @Field(() => Float, { nullable: true, description: 'totalValue × margin' }) contribution!: number | null;
  @Field(() => Float, { nullable: true, description: 'avgValue × margin: the CPA at which a customer pays back' })
  breakEvenCpa!: number | null;
  @Field(() => Float, { nullable: true, description: 'avgValue × margin ÷ cpa' }) marginLtvToCac!: number | null;
  @Field(() => Float, {
    nullable: true,
    description: 'cpa ÷ (avgValue × margin ÷ lifetimeMonths): months of margin that repay a customer’s cost',
  })
  paybackMonths!: number | null;
  @Field(() => ChannelHealth) health!: ChannelHealth;
  @Field(() => Recommendation) recommendation!: Recommendation;
  @Field({ description: 'why, quoting the numbers' }) reason!: string;
}

@ObjectType({ description: 'One channel within one segment.' })
export class ChannelSegmentMetrics {
  @Field() segment!: string;
  @Field() channel!: string;
  @Field(() => Int) users!: number;
  @Field(() => Int, { nullable: true }) conversions!: number | null;
  @Field(() => Float, { nullable: true }) conversionRate!: number | null;
  @Field(() => Int, { nullable: true, description: 'users who did not convert' }) dropOff!: number | null;
  @Field(() => Float, { nullable: true }) dropOffRate!: number | null;
  @Field(() => Float, { nullable: true }) avgValue!: number | null;
  @Field(() => Float, { nullable: true }) totalValue!: number | null;
  @Field(() => Float, { nullable: true, description: 'this channel’s share of the segment’s users' }) shareOfSegment!:
    number | null;
  @Field(() => Int) missingValues!: number;
}

@ObjectType({ description: 'All channels together.' })
export class OverallFigures {
  @Field(() => Int) users!: number;
  @Field(() => Int, { nullable: true }) conversions!: number | null;
  @Field(() => Float, { nullable: true }) conversionRate!: number | null;
  @Field(() => Float, { nullable: true }) avgValue!: number | null;
  @Field(() => Float, { nullable: true, description: 'spend / conversions over paid channels' }) paidCpa!:
    number | null;
}

@ObjectType({ description: 'Channel economics with a recommendation per channel.' })
export class ChannelReport {
  @Field(() => [ChannelMetrics]) channels!: ChannelMetrics[];
  @Field(() => [ChannelSegmentMetrics]) bySegment!: ChannelSegmentMetrics[];
  @Field(() => OverallFigures) overall!: OverallFigures;
  @Field(() => [String]) warnings!: string[];
}

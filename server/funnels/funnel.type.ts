import { Field, Float, Int, ObjectType } from 'type-graphql';
import { FunnelOrder } from './funnel.input';

@ObjectType({
  description:
    'The distribution of a time to convert in seconds: percentiles with numpy’s default linear interpolation, and mean.',
})
export class Percentiles {
  @Field(() => Float) p25!: number;
  @Field(() => Float) median!: number;
  @Field(() => Float) p75!: number;
  @Field(() => Float) p90!: number;
  @Field(() => Float) mean!: number;
}

@ObjectType({ description: 'Users reaching one step of the funnel.' })
export class FunnelStep {
  @Field() name!: string;
  @Field(() => Int) users!: number;
  @Field(() => Float, { description: 'users / users at the previous step' }) conversionFromPrevious!: number;
  @Field(() => Float, { description: 'users / users at the first step' }) conversionFromStart!: number;
  @Field(() => Int, { description: 'users lost since the previous step' }) dropOff!: number;
  @Field(() => Float) dropOffRate!: number;
  @Field(() => Float, { nullable: true, description: 'median seconds from the previous step (with timestamps)' })
  medianSecondsFromPrevious!: number | null;
  @Field(() => Percentiles, {
    nullable: true,
    description:
      'seconds from the event counted at the previous step to this one, over the users who reached this step ' +
      '(null for step 1, without a time column or without users)',
  })
  timeToConvert!: Percentiles | null;
  @Field(() => Int, { description: 'users with any event of this step, in any order (data-quality check)' })
  usersWithEvent!: number;
}

@ObjectType({ description: 'The funnel for one value of the breakdown.' })
export class FunnelBreakdown {
  @Field() value!: string;
  @Field(() => Int) users!: number;
  @Field(() => [FunnelStep]) steps!: FunnelStep[];
}

@ObjectType({ description: 'A conversion funnel: users at each step, conversion and drop-off.' })
export class FunnelReport {
  @Field(() => Int, { description: 'users who reached the first step' }) users!: number;
  @Field(() => Int, { description: 'users who reached the first step but were not found in the breakdown join' })
  unmatchedUsers!: number;
  @Field(() => FunnelOrder) order!: FunnelOrder;
  @Field(() => [FunnelStep]) steps!: FunnelStep[];
  @Field(() => [FunnelBreakdown]) breakdown!: FunnelBreakdown[];
  @Field(() => [String]) warnings!: string[];
}

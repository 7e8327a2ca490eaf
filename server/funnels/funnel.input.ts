import { Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { TableSourceInput } from '../analysis/table-source.input';

export enum FunnelOrder {
  ORDERED = 'ORDERED',
  ANY = 'ANY',
}
registerEnumType(FunnelOrder, {
  name: 'FunnelOrder',
  description: 'ORDERED: each step after the previous one in time. ANY: every earlier step reached, in any order.',
});

@InputType({ description: 'A second table keyed by user, whose column breaks the funnel down.' })
export class AttributesInput extends TableSourceInput {
  @Field({ description: 'The user id column of the attributes table.' })
  userColumn!: string;

  @Field({ description: 'The attribute to break down by (segment, plan, channel …).' })
  column!: string;
}

@InputType({
  description:
    'An exclusion step: a user who did `step` strictly between the events counted at steps `afterStep` and ' +
    '`beforeStep` of their path leaves the funnel there (counted up to the step before the exclusion). An excluded ' +
    'event in the same instant as either step is not between them. Needs ORDERED order.',
})
export class FunnelExclusionInput {
  @Field({ description: 'The excluded event, as it reads in stepColumn (it may be a funnel step itself).' })
  step!: string;

  @Field(() => Int, { description: 'Step number (1 = first step) after whose counted event the exclusion starts.' })
  afterStep!: number;

  @Field(() => Int, { description: 'Step number (greater than afterStep) up to whose event the exclusion lasts.' })
  beforeStep!: number;
}

@InputType({ description: 'A conversion funnel over an events table: one row per user and step.' })
export class FunnelInput extends TableSourceInput {
  @Field() userColumn!: string;
  @Field() stepColumn!: string;

  @Field(() => [String], { description: 'The steps in funnel order, as they read in stepColumn.' })
  steps!: string[];

  @Field({ nullable: true, description: 'Event time (DATE, or NUMBER epoch seconds). Needed for ORDERED and windows.' })
  timeColumn?: string;

  @Field(() => Int, { nullable: true, description: 'Each step must happen within this many seconds of the first.' })
  conversionWindowSeconds?: number;

  @Field(() => FunnelOrder, { nullable: true, description: 'Default ORDERED with a time column, ANY without.' })
  order?: FunnelOrder;

  @Field({
    nullable: true,
    description: 'Break down by this column of the events table (its value on a user’s first step).',
  })
  breakdownColumn?: string;

  @Field(() => AttributesInput, {
    nullable: true,
    description: 'Break down by an attribute from a second table joined on user id.',
  })
  attributes?: AttributesInput;

  @Field(() => ID, { nullable: true, description: 'Break down by a stored segmentation, joined on its key column.' })
  segmentationId?: string;

  @Field(() => [FunnelExclusionInput], {
    nullable: true,
    description: 'Exclusion steps: users who do the event between two steps leave the funnel there (ORDERED only).',
  })
  exclusions?: FunnelExclusionInput[];

  @Field(() => [String], {
    nullable: true,
    description:
      'Columns whose value must not change along a user’s path (device, plan): only events with the same values ' +
      'as the user’s first step-1 event count at later steps; a blank is a value of its own (ORDERED only).',
  })
  holdConstant?: string[];

  @Field(() => [Int], {
    nullable: 'itemsAndList',
    description:
      'A conversion window per step, in seconds from the event counted at the previous step (inclusive), on top ' +
      'of conversionWindowSeconds: one entry per step, the first null, null for no limit (ORDERED only).',
  })
  stepWindowsSeconds?: (number | null)[];
}

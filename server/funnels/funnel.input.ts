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
}

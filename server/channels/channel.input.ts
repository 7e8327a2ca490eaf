import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { TableSourceInput } from '../analysis/table-source.input';

@InputType({ description: 'Spend per channel: one or more rows per channel (months, campaigns) are summed.' })
export class CostsInput extends TableSourceInput {
  @Field() channelColumn!: string;
  @Field() spendColumn!: string;
  @Field({ nullable: true }) clicksColumn?: string;
  @Field({ nullable: true }) impressionsColumn?: string;
}

@InputType({
  description: 'Channel economics over a users table: one row per user with channel, conversion and value.',
})
export class ChannelInput extends TableSourceInput {
  @Field() channelColumn!: string;

  @Field({ nullable: true, description: '1/0, true/false or yes/no per user.' })
  convertedColumn?: string;

  @Field({ nullable: true, description: 'Value per user, such as LTV or CLV (converters’ values make avgValue).' })
  valueColumn?: string;

  @Field({ nullable: true, description: 'Break every channel down by this column of the users table.' })
  segmentColumn?: string;

  @Field(() => ID, { nullable: true, description: 'Break down by a stored segmentation, joined on userColumn.' })
  segmentationId?: string;

  @Field({ nullable: true, description: 'The user id column, to join a stored segmentation on its key column.' })
  userColumn?: string;

  @Field(() => CostsInput, { nullable: true })
  costs?: CostsInput;

  @Field(() => Float, {
    nullable: true,
    description: 'LTV:CAC a channel must reach to be INVEST/MAINTAIN (default 3).',
  })
  targetLtvToCac?: number;

  @Field(() => Float, { nullable: true, description: 'Below this LTV:CAC a paid channel is REMOVE (default 1).' })
  minLtvToCac?: number;

  @Field(() => Int, {
    nullable: true,
    description: 'Channels with fewer users are MAINTAIN: too few to judge (default 30).',
  })
  minUsers?: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Gross margin on value in (0, 1], e.g. 0.4 for 40% (default 1: value is already profit).',
  })
  margin?: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Months over which a customer’s value is earned; needed for paybackMonths (null without it).',
  })
  lifetimeMonths?: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Without costs: a channel converting below this share of the overall rate is REDUCE (default 0.5).',
  })
  reduceBelowShare?: number;
}

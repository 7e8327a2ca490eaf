import { Field, Float, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'New rows placed in a stored run’s segments: nearest centroid in its scaled space.' })
export class SegmentAssignment {
  @Field(() => Int, { description: 'New rows read.' }) rows!: number;
  @Field(() => [Int], { nullable: 'items', description: 'Per row: the segment label; null when it cannot be placed.' })
  labels!: (number | null)[];
  @Field(() => [String], { nullable: 'items', description: 'Per row: the segment’s name, as the run named it.' })
  names!: (string | null)[];
  @Field(() => [Float], {
    nullable: 'items',
    description: 'Per row: Euclidean distance to the segment’s centroid in the run’s scaled feature space.',
  })
  distances!: (number | null)[];
  @Field(() => [String], {
    nullable: 'itemsAndList',
    description: 'Per row: keyColumn’s value (null where empty); null without keyColumn.',
  })
  keys!: (string | null)[] | null;
  @Field(() => [String]) warnings!: string[];
}

import { Field, Float, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A test statistic with its p-value and degrees of freedom.' })
export class TestResult {
  @Field(() => Float)
  statistic!: number;

  @Field(() => Float)
  pValue!: number;

  @Field(() => Int, { nullable: true })
  dof?: number | null;
}

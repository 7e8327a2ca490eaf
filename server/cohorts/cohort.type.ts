import { Field, Float, Int, ObjectType } from 'type-graphql';
import { CohortPeriod } from './cohort.input';

@ObjectType({ description: 'The customers who started in one period, followed period by period.' })
export class Cohort {
  @Field({ description: 'First period: "2025-01", or the ISO date of the Monday for weeks.' }) start!: string;
  @Field(() => Int) customers!: number;
  @Field(() => [Int], { description: 'active[i]: customers with a transaction in period start + i.' })
  active!: number[];
  @Field(() => [Float], { description: 'active[i] / customers; retention[0] = 1.' }) retention!: number[];
  @Field(() => [Float], { nullable: true, description: 'Sum of amounts in period start + i; null without amounts.' })
  revenue!: number[] | null;
}

@ObjectType({ description: 'Cohort retention and revenue.' })
export class CohortReport {
  @Field(() => CohortPeriod) period!: CohortPeriod;
  @Field(() => [Cohort]) cohorts!: Cohort[];
  @Field(() => Int, { description: 'Customers over all cohorts.' }) customers!: number;
  @Field(() => Int, { description: 'Rows with a customer and a date.' }) rows!: number;
  @Field(() => Int, { description: 'Rows left out for a missing customer or date.' }) skippedRows!: number;
  @Field(() => [String]) warnings!: string[];
}

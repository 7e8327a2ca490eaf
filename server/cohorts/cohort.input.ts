import { Field, InputType, Int, registerEnumType } from 'type-graphql';
import { TableSourceInput } from '../analysis/table-source.input';

export enum CohortPeriod {
  MONTH = 'MONTH',
  WEEK = 'WEEK',
}
registerEnumType(CohortPeriod, {
  name: 'CohortPeriod',
  description: 'MONTH (calendar months, the default) or WEEK (ISO weeks, Monday to Sunday); UTC.',
});

@InputType({
  description: 'Acquisition cohorts from transaction rows: retention and revenue by period since the first.',
})
export class CohortInput extends TableSourceInput {
  @Field({ description: 'The customer id of each transaction.' })
  customerColumn!: string;

  @Field({ description: 'The date of each transaction (a DATE column).' })
  dateColumn!: string;

  @Field(() => String, { nullable: true, description: 'Amounts summed into revenue per cohort and period.' })
  amountColumn?: string | null;

  @Field(() => CohortPeriod, { nullable: true, description: 'MONTH (default) or WEEK.' })
  period?: CohortPeriod | null;

  @Field(() => Int, { nullable: true, description: 'Longest list per cohort; default: up to the last period.' })
  periods?: number | null;
}

import { Field, InputType } from 'type-graphql';
import { TableSourceInput } from '../analysis/table-source.input';

@InputType({ description: 'Two periods side by side, broken down by dimensions (year over year, wave over wave).' })
export class PeriodComparisonInput extends TableSourceInput {
  @Field({ description: 'The column saying which period a row belongs to (year, quarter …).' })
  periodColumn!: string;

  @Field({ description: 'The period compared against, as it reads in periodColumn ("2024").' })
  base!: string;

  @Field({ description: 'The period under review ("2025").' })
  compare!: string;

  @Field(() => [String], { description: 'Columns to break the totals down by, each on its own.' })
  dimensions!: string[];

  @Field({ description: 'The amount summed (sales, revenue).' })
  valueColumn!: string;

  @Field({
    nullable: true,
    description: 'Customer id column (distinct customers); without it rows count as transactions.',
  })
  customersColumn?: string;
}

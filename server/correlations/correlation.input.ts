import { Field, InputType, registerEnumType } from 'type-graphql';
import { TableSourceInput } from '../analysis/table-source.input';

export enum CorrelationMethod {
  PEARSON = 'PEARSON',
  SPEARMAN = 'SPEARMAN',
}
registerEnumType(CorrelationMethod, {
  name: 'CorrelationMethod',
  description: 'PEARSON (linear, the default) or SPEARMAN (of ranks: monotone relations, robust to outliers).',
});

@InputType({ description: 'A correlation matrix of numeric columns and one-hot indicators of categorical ones.' })
export class CorrelationInput extends TableSourceInput {
  @Field(() => [String], {
    description: 'Columns to correlate; categorical ones expand to "region=0", "channel=Google".',
  })
  columns!: string[];

  @Field(() => [String], {
    nullable: true,
    description:
      'Numeric-coded (region 0/1/2) or yes/no columns to expand into indicators; text columns always are, a yes/no column otherwise enters as 0/1.',
  })
  categorical?: string[] | null;

  @Field(() => CorrelationMethod, { nullable: true, description: 'PEARSON (default) or SPEARMAN.' })
  method?: CorrelationMethod | null;

  @Field(() => String, {
    nullable: true,
    description:
      'A column ("clv") or indicator ("channel=Google") to list every other column against, strongest first.',
  })
  target?: string | null;
}

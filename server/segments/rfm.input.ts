import { Field, InputType, Int } from 'type-graphql';
import { TableSourceInput } from '../analysis/table-source.input';
import { RfmMethod } from './segment.enums';

@InputType({ description: 'RFM segmentation of customers from transaction rows (customer, date, amount).' })
export class RfmInput extends TableSourceInput {
  @Field(() => String, { nullable: true, description: 'A name to find the run by later.' })
  name?: string | null;

  @Field({ description: 'The column identifying the customer of each transaction.' })
  customerColumn!: string;

  @Field({ description: 'The transaction date (a DATE column).' })
  dateColumn!: string;

  @Field({ description: 'The transaction amount (a NUMBER column; refunds negative).' })
  amountColumn!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'The instant recency is measured to, ISO 8601 ("2026-11-01" is midnight UTC starting that day; a time without ' +
      'an offset is UTC). Transactions from asOf on are ignored. Default: midnight after the last transaction’s day.',
  })
  asOf?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Calendar months before asOf whose transactions count towards frequency and monetary (default 24).',
  })
  windowMonths?: number | null;

  @Field(() => RfmMethod, { nullable: true, description: 'Default SCORES.' })
  method?: RfmMethod | null;

  @Field(() => Int, { nullable: true, description: 'Number of clusters for method KMEANS (default 4).' })
  k?: number | null;

  @Field(() => Int, { nullable: true, description: 'k-means restarts for method KMEANS (default 10).' })
  restarts?: number | null;

  @Field(() => Int, { nullable: true, description: 'k-means seed for method KMEANS (default 0).' })
  seed?: number | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Answer at once with the run RUNNING and compute it in the background: poll `segmentation(id)` for `status` ' +
      'and `progress`, stop it with `cancelSegmentation`. No time limit applies (QUADRANT_ANALYSIS_TIMEOUT does not).',
  })
  background?: boolean | null;
}

import { Field, ID, InputType } from 'type-graphql';
import { TableInput } from '../graphql/table.input';

/** Every analysis input takes its rows from a stored dataset or inline, exactly one of the two. */
@InputType()
export class TableSourceInput {
  @Field(() => ID, { nullable: true, description: 'A stored dataset to read the rows from.' })
  datasetId?: string | null;

  @Field(() => TableInput, { nullable: true, description: 'Rows given inline (an Excel selection).' })
  table?: TableInput | null;
}

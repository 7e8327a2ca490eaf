import { Field, ID, InputType } from 'type-graphql';
import { TableSourceInput } from '../analysis/table-source.input';

@InputType({ description: 'New rows to put into the segments of a stored segmentation, without clustering again.' })
export class AssignSegmentsInput extends TableSourceInput {
  @Field(() => ID, { description: 'The stored segment run whose segments the rows go into.' })
  segmentationId!: string;

  @Field(() => String, { nullable: true, description: 'A column identifying each new row, returned as keys.' })
  keyColumn?: string | null;
}

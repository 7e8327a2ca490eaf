import { Field, InputType } from 'type-graphql';
import { ColumnType, DayOrder } from '../graphql/enums';
import { TableInput } from '../graphql/table.input';

@InputType({ description: 'Forces a column type instead of inferring it.' })
export class ColumnTypeInput {
  @Field()
  column!: string;

  @Field(() => ColumnType)
  type!: ColumnType;
}

@InputType({ description: 'A dataset to import: a name and one of CSV text, an inline table or an .xlsx workbook.' })
export class ImportDatasetInput {
  @Field()
  name!: string;

  @Field({ nullable: true, description: 'CSV text; the first line is the header. Comma, semicolon, tab or pipe.' })
  csv?: string;

  @Field(() => TableInput, { nullable: true })
  table?: TableInput;

  @Field({
    nullable: true,
    description: 'An .xlsx workbook, base64-encoded: the table on `sheet` (default the first sheet) is imported.',
  })
  xlsx?: string;

  @Field({ nullable: true, description: 'With xlsx: the sheet to import.' })
  sheet?: string;

  @Field(() => [ColumnTypeInput], { nullable: true, description: 'Column types to force instead of inferring.' })
  types?: ColumnTypeInput[];

  @Field(() => DayOrder, { nullable: true, description: 'How to read 03/04/2025 when the data does not tell (DMY).' })
  dayOrder?: DayOrder;
}

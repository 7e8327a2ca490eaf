import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'An .xlsx workbook, base64-encoded.' })
export class WorkbookFile {
  @Field({ description: 'A suggested file name, ending in .xlsx.' }) fileName!: string;
  @Field({ description: 'The workbook’s bytes, base64.' }) base64!: string;
  @Field(() => Int, { description: 'Size of the workbook in bytes (before base64).' }) bytes!: number;
}

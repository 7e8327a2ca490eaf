import { Field, InputType } from 'type-graphql';
import type { Cell } from '../../shared/table/types';
import { CellScalar } from './cell.scalar';

/** Rows given inline, as an Excel selection hands them over: a header row and rows of cells. */
@InputType({ description: 'Rows given inline: a header and rows of cells, as Excel returns a range.' })
export class TableInput {
  @Field(() => [String])
  header!: string[];

  @Field(() => [[CellScalar]], { nullable: 'items' })
  rows!: Cell[][];
}

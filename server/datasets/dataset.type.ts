import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { Cell } from '../../shared/table/types';
import { CellScalar } from '../graphql/cell.scalar';
import { ColumnType } from '../graphql/enums';

@ObjectType({ description: 'A column of a stored dataset.' })
export class DatasetColumn {
  @Field()
  name!: string;

  @Field(() => ColumnType)
  type!: ColumnType;

  @Field(() => Int, { description: 'Rows with no value in this column (empty, NA, #N/A, …).' })
  missingCount!: number;

  @Field(() => [String], { nullable: true, description: 'CATEGORY only: the distinct values, in order of appearance.' })
  levels?: string[];
}

@ObjectType({ description: 'A page of a dataset, as cells (dates as ISO text).' })
export class DatasetRows {
  @Field(() => Int)
  offset!: number;

  @Field(() => Int)
  limit!: number;

  @Field(() => Int)
  total!: number;

  @Field(() => [String])
  header!: string[];

  @Field(() => [[CellScalar]], { nullable: 'items' })
  rows!: Cell[][];
}

@ObjectType({ description: 'A stored table: imported from CSV or an Excel selection.' })
export class Dataset {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => Int)
  rowCount!: number;

  @Field(() => [DatasetColumn])
  columns!: DatasetColumn[];

  @Field({ description: 'When it was imported (ISO 8601, UTC).' })
  createdAt!: string;
}

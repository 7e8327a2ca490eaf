import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { Cell } from '../../shared/table/types';
import { CellScalar } from '../graphql/cell.scalar';
import { ColumnType } from '../graphql/enums';

export enum DatasetSource {
  STORED = 'STORED',
  CONNECTED = 'CONNECTED',
}
registerEnumType(DatasetSource, {
  name: 'DatasetSource',
  description: 'STORED: imported into Quadrant. CONNECTED: a live table or query of the warehouse, read at every run.',
});

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

  @Field({ description: 'When it was imported or connected (ISO 8601, UTC).' })
  createdAt!: string;

  @Field(() => DatasetSource, {
    description: 'STORED or CONNECTED. A connected dataset counts rowCount and missing values when connected.',
  })
  source!: DatasetSource;

  @Field(() => [String], {
    description:
      'What the import warned of, e.g. cells of an .xlsx sheet holding formulas, read as their cached values.',
  })
  warnings!: string[];
}

import 'reflect-metadata';
import {
  GraphQLFloat,
  GraphQLInputObjectType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  lexicographicSortSchema,
  printSchema,
  type GraphQLSchema,
} from 'graphql';
import { buildSchema } from 'type-graphql';
import { ChannelResolver } from '../channels/channel.resolver';
import { CohortResolver } from '../cohorts/cohort.resolver';
import { CorrelationResolver } from '../correlations/correlation.resolver';
import { PeriodComparisonResolver } from '../compare/period-comparison.resolver';
import { DatasetResolver } from '../datasets/dataset.resolver';
import { ExperimentResolver } from '../experiments/experiment.resolver';
import { FunnelResolver } from '../funnels/funnel.resolver';
import { AssignSegmentsResolver } from '../segments/assign-segments.resolver';
import { SegmentationResolver } from '../segments/segmentation.resolver';
import { SegmentationStabilityResolver } from '../segments/segmentation-stability.resolver';
import { WorkbookResolver } from '../workbooks/workbook.resolver';
import { CellScalar } from './cell.scalar';

export const resolvers = [
  DatasetResolver,
  SegmentationResolver,
  FunnelResolver,
  ChannelResolver,
  ExperimentResolver,
  PeriodComparisonResolver,
  CorrelationResolver,
  CohortResolver,
  SegmentationStabilityResolver,
  AssignSegmentsResolver,
  WorkbookResolver,
] as const;

/** Fields typed [[Cell]!]! by the contract: a list of rows, each row a non-null list of nullable cells. */
const CELL_GRID_FIELDS: [typeName: string, field: string][] = [
  ['TableInput', 'rows'],
  ['DatasetRows', 'rows'],
];

/** Matrices typed [[Float]!]! by the contract: rows non-null, entries null where undefined. */
const FLOAT_GRID_FIELDS: [typeName: string, field: string][] = [
  ['CorrelationReport', 'matrix'],
  ['CorrelationReport', 'pValues'],
];

/** The one place the GraphQL schema is built; `npm run schema` prints it into schema/schema.graphql. */
export async function buildQuadrantSchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({ resolvers, validate: true, emitSchemaFile: false });
  // type-graphql's `nullable: 'items'` loosens both list levels; the contract wants rows non-null, cells nullable.
  const grid = new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(new GraphQLList(CellScalar))));
  for (const [typeName, fieldName] of CELL_GRID_FIELDS) {
    const type = schema.getType(typeName);
    if (!(type instanceof GraphQLInputObjectType || type instanceof GraphQLObjectType))
      throw new Error(`schema: no type ${typeName}`);
    type.getFields()[fieldName].type = grid;
  }
  const floatGrid = new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(new GraphQLList(GraphQLFloat))));
  for (const [typeName, fieldName] of FLOAT_GRID_FIELDS) {
    const type = schema.getType(typeName);
    if (!(type instanceof GraphQLObjectType)) throw new Error(`schema: no type ${typeName}`);
    type.getFields()[fieldName].type = floatGrid;
  }
  return schema;
}

/** The SDL as checked in: sorted so that the file changes only when the API does. */
export function printQuadrantSchema(schema: GraphQLSchema): string {
  return printSchema(lexicographicSortSchema(schema)) + '\n';
}

import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { InputError } from '../../shared/errors';
import type { ColumnType } from '../../shared/table/types';
import type { Context } from '../context';
import type { DatasetEntity } from '../storage/entities/dataset.entity';
import { ImportDatasetInput } from './dataset.input';
import { validateName, WAREHOUSE_NEEDED } from './dataset.service';
import { Dataset, DatasetRows } from './dataset.type';

/** Most rows one preview page returns. */
export const MAX_PREVIEW_ROWS = 1000;

@Resolver(() => Dataset)
export class DatasetResolver {
  @Query(() => [Dataset], { description: 'The datasets of your workspace, oldest first.' })
  datasets(@Ctx() { services, workspaceId }: Context): Promise<DatasetEntity[]> {
    return services.datasets.list(workspaceId);
  }

  @Query(() => Dataset, { nullable: true })
  dataset(@Arg('id', () => ID) id: string, @Ctx() { services, workspaceId }: Context): Promise<DatasetEntity | null> {
    return services.datasets.find(workspaceId, id);
  }

  @Mutation(() => Dataset, { description: 'Imports CSV text or an inline table; column types are inferred.' })
  importDataset(
    @Arg('input') input: ImportDatasetInput,
    @Ctx() { services, workspaceId }: Context,
  ): Promise<DatasetEntity> {
    if ((input.csv === undefined || input.csv === null) === (input.table === undefined || input.table === null)) {
      throw new InputError('importDataset: give exactly one of csv and table', 'input');
    }
    const types: Record<string, ColumnType> = {};
    for (const t of input.types ?? []) types[t.column] = t.type;
    if (input.warehouse) {
      if (!services.connected) throw new InputError(WAREHOUSE_NEEDED, 'warehouse');
      if (input.csv == null) throw new InputError('warehouse: an import into the warehouse takes csv', 'warehouse');
      return services.connected.importCsv(workspaceId, validateName(input.name), input.csv, {
        types,
        dayOrder: input.dayOrder,
      });
    }
    const source = input.csv != null ? { csv: input.csv } : { table: input.table! };
    return services.datasets.importDataset(workspaceId, input.name, source, { types, dayOrder: input.dayOrder });
  }

  @Mutation(() => Boolean, { description: 'Deletes a dataset and its rows.' })
  deleteDataset(@Arg('id', () => ID) id: string, @Ctx() { services, workspaceId }: Context): Promise<boolean> {
    return services.datasets.delete(workspaceId, id);
  }

  @FieldResolver(() => DatasetRows, { description: `A page of rows (at most ${MAX_PREVIEW_ROWS}).` })
  async rows(
    @Root() dataset: DatasetEntity,
    @Ctx() { services }: Context,
    @Arg('offset', () => Int, { defaultValue: 0 }) offset: number,
    @Arg('limit', () => Int, { defaultValue: 100 }) limit: number,
  ): Promise<DatasetRows> {
    if (offset < 0) throw new InputError(`offset: ${offset} is negative`, 'offset');
    if (limit < 0 || limit > MAX_PREVIEW_ROWS) {
      throw new InputError(`limit: ${limit} is outside 0..${MAX_PREVIEW_ROWS}`, 'limit');
    }
    return {
      offset,
      limit,
      total: dataset.rowCount,
      header: dataset.columns.map((c) => c.name),
      rows: await services.datasets.previewRows(dataset, offset, limit),
    };
  }
}

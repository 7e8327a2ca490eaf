import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { InputError } from '../../shared/errors';
import type { ColumnType } from '../../shared/table/types';
import type { Context } from '../context';
import { COST } from '../hardening/costs';
import type { DatasetEntity } from '../storage/entities/dataset.entity';
import { readXlsxTable } from '../workbooks/read-xlsx';
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

  @Mutation(() => Dataset, {
    complexity: COST.import,
    description: 'Imports CSV text, an inline table or an .xlsx workbook (base64); column types are inferred.',
  })
  async importDataset(
    @Arg('input') input: ImportDatasetInput,
    @Ctx() { services, workspaceId, limits }: Context,
  ): Promise<DatasetEntity> {
    const given = [input.csv, input.table, input.xlsx].filter((source) => source !== undefined && source !== null);
    if (given.length !== 1) throw new InputError('importDataset: give exactly one of csv, table and xlsx', 'input');
    if (input.sheet != null && input.xlsx == null) throw new InputError('sheet: applies to an xlsx import', 'sheet');
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
    const source =
      input.csv != null
        ? { csv: input.csv }
        : input.table != null
          ? { table: input.table }
          : await workbookTable(input.xlsx!, input.sheet);
    return services.datasets.importDataset(
      workspaceId,
      input.name,
      source,
      { types, dayOrder: input.dayOrder },
      limits,
    );
  }

  @Mutation(() => Boolean, { description: 'Deletes a dataset and its rows.' })
  deleteDataset(@Arg('id', () => ID) id: string, @Ctx() { services, workspaceId }: Context): Promise<boolean> {
    return services.datasets.delete(workspaceId, id);
  }

  @FieldResolver(() => [String])
  warnings(@Root() dataset: DatasetEntity): string[] {
    return dataset.warnings ?? [];
  }

  @FieldResolver(() => DatasetRows, {
    complexity: COST.page,
    description: `A page of rows (at most ${MAX_PREVIEW_ROWS}).`,
  })
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

/** The table of an uploaded workbook; messages name it "xlsx" (the argument), with the sheet, row or column. */
async function workbookTable(base64: string, sheet: string | null | undefined) {
  const text = base64.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) {
    throw new InputError('xlsx: not base64 text (A–Z, a–z, 0–9, +, / and = padding)', 'xlsx');
  }
  const { table } = await readXlsxTable(Buffer.from(text, 'base64'), 'xlsx', sheet);
  return { table: { header: table.header, rows: table.rows }, warnings: table.warnings };
}

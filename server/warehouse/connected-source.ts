import { InputError } from '../../shared/errors';
import type { ColumnType } from '../../shared/table/types';
import type { TableSourceInput } from '../analysis/table-source.input';
import type { Context } from '../context';
import { WAREHOUSE_NEEDED } from '../datasets/dataset.service';
import type { DatasetEntity, StoredColumn } from '../storage/entities/dataset.entity';
import type { ConnectedDatasets } from './connected-datasets';

export interface ConnectedSource {
  dataset: DatasetEntity;
  connected: ConnectedDatasets;
}

/**
 * The connected dataset an analysis reads, or null when its rows are stored or inline (the in-memory path).
 * Costs one catalogue read; NOT_FOUND for an unknown id is left to the in-memory path's loader.
 */
export async function connectedSource(ctx: Context, source: TableSourceInput): Promise<ConnectedSource | null> {
  if (source.datasetId === undefined || source.datasetId === null || source.table) return null;
  const dataset = await ctx.services.datasets.find(ctx.workspaceId, source.datasetId);
  if (!dataset || dataset.source !== 'CONNECTED') return null;
  if (!ctx.services.connected) throw new InputError(WAREHOUSE_NEEDED, 'datasetId');
  return { dataset, connected: ctx.services.connected };
}

/** The catalogue entry of a column, or an InputError that lists the dataset's columns (as for stored datasets). */
export function columnOf(
  dataset: DatasetEntity,
  name: string,
  argument: string,
  types?: readonly ColumnType[],
): StoredColumn {
  const column = dataset.columns.find((c) => c.name === name);
  if (!column) {
    const names = dataset.columns.map((c) => `"${c.name}"`).join(', ');
    throw new InputError(`dataset "${dataset.name}" has no column "${name}"; its columns are ${names}`, argument);
  }
  if (types && !types.includes(column.type)) {
    throw new InputError(`${argument}: column "${name}" is ${column.type}; expected ${types.join(' or ')}`, argument);
  }
  return column;
}

/** Binds values as $1, $2, … so nothing a user typed is ever spliced into SQL text. */
export class Params {
  readonly values: unknown[] = [];

  bind(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

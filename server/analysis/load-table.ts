import { InputError } from '../../shared/errors';
import { getColumn } from '../../shared/table/access';
import { tableFromCells } from '../../shared/table/from-cells';
import type { Table } from '../../shared/table/types';
import type { Context } from '../context';
import type { TableSourceInput } from './table-source.input';

/**
 * The rows of an analysis: a stored dataset (reading only `columns`) or an inline table, exactly one.
 * `argument` prefixes messages so a nested source (costs, attributes) is named as such.
 * Column names are checked here so the message lists the columns that do exist.
 */
export async function loadTable(
  { services, workspaceId }: Context,
  source: TableSourceInput,
  columns: readonly (string | null | undefined)[],
  argument = 'input',
): Promise<Table> {
  const hasDataset = source.datasetId !== undefined && source.datasetId !== null;
  const hasTable = source.table !== undefined && source.table !== null;
  if (hasDataset === hasTable) throw new InputError(`${argument}: give exactly one of datasetId and table`, argument);
  const wanted = columns.filter((c): c is string => typeof c === 'string');
  if (hasDataset) return services.datasets.loadTable(workspaceId, source.datasetId!, wanted);
  const table = tableFromCells(source.table!.header, source.table!.rows);
  for (const name of wanted) getColumn(table, name, argument);
  return table;
}

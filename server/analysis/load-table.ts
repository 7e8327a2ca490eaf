import { InputError } from '../../shared/errors';
import { getColumn } from '../../shared/table/access';
import { tableFromCells } from '../../shared/table/from-cells';
import type { Table } from '../../shared/table/types';
import type { Context } from '../context';
import { checkTableSize, widestRow } from '../hardening/table-limits';
import type { TableSourceInput } from './table-source.input';

/**
 * The rows of an analysis: a stored dataset (reading only `columns`) or an inline table, exactly one.
 * `argument` prefixes messages so a nested source (costs, attributes) is named as such.
 * Column names are checked here so the message lists the columns that do exist; an inline table over the row,
 * column or cell limit is refused before it is typed.
 */
export async function loadTable(
  { services, workspaceId, limits }: Context,
  source: TableSourceInput,
  columns: readonly (string | null | undefined)[],
  argument = 'input',
): Promise<Table> {
  const hasDataset = source.datasetId !== undefined && source.datasetId !== null;
  const hasTable = source.table !== undefined && source.table !== null;
  if (hasDataset === hasTable) throw new InputError(`${argument}: give exactly one of datasetId and table`, argument);
  const wanted = columns.filter((c): c is string => typeof c === 'string');
  if (hasDataset) return services.datasets.loadTable(workspaceId, source.datasetId!, wanted);
  const { header, rows } = source.table!;
  checkTableSize(limits, rows.length, widestRow(header, rows), `${argument}.table`);
  const table = tableFromCells(header, rows);
  for (const name of wanted) getColumn(table, name, argument);
  return table;
}

import { escapeIdentifier, type Client } from 'pg';
import type { RunningServer } from '../../../server/bootstrap';
import { tableFromCells } from '../../../shared/table/from-cells';
import type { Cell } from '../../../shared/table/types';
import { DEFAULT_WORKSPACE_ID } from '../../../server/storage/entities/workspace.entity';
import { copyTable } from '../../../server/warehouse/copy-table';

export interface Twins {
  stored: string;
  connected: string;
}

/**
 * The same rows twice: imported as a stored dataset, and written to a warehouse table (schema "wh") that is then
 * connected. Analyses on the two ids must agree. `storedOrder` reorders the stored copy's rows where the warehouse
 * path defines an order a table does not have (RFM's customers by first transaction).
 */
export async function twinDatasets(
  server: RunningServer,
  client: Client,
  name: string,
  header: string[],
  rows: Cell[][],
  storedOrder: (rows: Cell[][]) => Cell[][] = (r) => r,
): Promise<Twins> {
  const table = tableFromCells(header, rows);
  const stored = await server.services.datasets.store(
    DEFAULT_WORKSPACE_ID,
    name,
    tableFromCells(header, storedOrder([...rows])),
  );
  await client.query('CREATE SCHEMA IF NOT EXISTS wh');
  await copyTable(client, `wh.${escapeIdentifier(name)}`, table);
  const connected = await server.services.connected!.connect(DEFAULT_WORKSPACE_ID, `${name} (connected)`, {
    table: `wh.${name}`,
  });
  return { stored: stored.id, connected: connected.id };
}

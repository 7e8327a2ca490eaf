import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { InputError } from '../../shared/errors';
import type { Cell, Column, ColumnType, Table } from '../../shared/table/types';
import { DatasetEntity, type ConnectedDefinition, type StoredColumn } from '../storage/entities/dataset.entity';
import { quadrantType, stringType, valueSql } from './column-types';
import { col, describeDefinition, fromItem, quotedTable } from './relation';
import { asInputError, type ReadQuery, type Warehouse } from './warehouse';
import { importCsvToWarehouse } from './warehouse-import';
import type { TableOptions } from '../../shared/table/from-cells';

/**
 * Connected datasets: catalogue rows that point at a table, view or query of the warehouse. Connecting reads the
 * columns and their PostgreSQL types (nothing is copied); analyses read the live rows at every run.
 */
export class ConnectedDatasets {
  constructor(
    private readonly dataSource: DataSource,
    readonly warehouse: Warehouse,
  ) {}

  /**
   * Registers `definition` under `name`: columns typed from PostgreSQL's types (see column-types.ts), rowCount and
   * missing counts counted once, now. Nothing is written unless every column is usable.
   *
   * @throws InputError for a missing table, SQL that fails, or a column of a type Quadrant cannot read.
   */
  async connect(workspaceId: string, name: string, definition: ConnectedDefinition): Promise<DatasetEntity> {
    const from = fromItem(definition);
    const what = describeDefinition(definition);
    const argument = definition.table !== undefined ? 'table' : 'sql';
    const { columns, rowCount } = await this.warehouse
      .read((q) => describe(q, from, what, argument))
      .catch((error: unknown) => {
        throw asInputError(error, `${argument}: ${what} cannot be read`, argument);
      });
    const dataset = Object.assign(new DatasetEntity(), {
      id: randomUUID(),
      workspaceId,
      name,
      rowCount,
      chunkRows: 0,
      columns,
      createdAt: new Date().toISOString(),
      source: 'CONNECTED' as const,
      definition:
        definition.table !== undefined
          ? { table: definition.table.trim(), ...(definition.owned ? { owned: true } : {}) }
          : { sql: definition.sql },
    });
    await this.dataSource.getRepository(DatasetEntity).insert(dataset);
    return dataset;
  }

  /**
   * Imports CSV into a new table of the warehouse by COPY (warehouse-import.ts) and connects it; the table belongs
   * to the dataset and is dropped with it. Nothing stays behind when either step fails.
   */
  async importCsv(workspaceId: string, name: string, csv: string, options: TableOptions): Promise<DatasetEntity> {
    const { table } = await importCsvToWarehouse((work) => this.warehouse.write(work), csv, options);
    try {
      return await this.connect(workspaceId, name, { table, owned: true });
    } catch (error) {
      await this.warehouse.write((client) => client.query(`DROP TABLE IF EXISTS ${quotedTable(table)}`));
      throw error;
    }
  }

  /** Drops the warehouse table an import created for this dataset; connected tables of others are never touched. */
  async dropOwned(dataset: DatasetEntity): Promise<void> {
    const definition = dataset.definition;
    if (!definition?.owned || definition.table === undefined) return;
    await this.warehouse.write((client) => client.query(`DROP TABLE IF EXISTS ${quotedTable(definition.table!)}`));
  }

  /**
   * Reads `indexes` columns of a connected dataset into a Table, streamed through a cursor in batches, so memory
   * holds the typed columns and one batch of rows. Rows come in the order PostgreSQL returns them.
   */
  async loadTable(dataset: DatasetEntity, indexes: readonly number[]): Promise<Table> {
    const metas = indexes.map((i) => dataset.columns[i]);
    const builders = metas.map((m) => new ColumnBuilder(m.name, m.type));
    const select = metas.length > 0 ? metas.map((m) => valueSql(m.name, m.type)).join(', ') : '1';
    let rowCount = 0;
    await this.run(dataset, (q, from) =>
      q.stream(`SELECT ${select} FROM ${from}`, [], (rows) => {
        rowCount += rows.length;
        if (metas.length > 0) for (const row of rows) builders.forEach((b, i) => b.push(row[i]));
      }),
    );
    return { rowCount, columns: builders.map((b) => b.finish()) };
  }

  /** A page of rows as cells, for previews. */
  async previewRows(dataset: DatasetEntity, offset: number, limit: number): Promise<Cell[][]> {
    const table = await this.run(dataset, async (q, from) => {
      const select = dataset.columns.map((m) => valueSql(m.name, m.type)).join(', ');
      return q.rows(`SELECT ${select} FROM ${from} OFFSET $1 LIMIT $2`, [offset, limit]);
    });
    return table.map((row) =>
      row.map((value, i) => {
        if (value === null) return null;
        const type = dataset.columns[i].type;
        if (type === 'BOOLEAN') return value === 1;
        if (type === 'DATE') {
          const iso = new Date(value as number).toISOString();
          return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
        }
        return value as Cell;
      }),
    );
  }

  /** Runs `work` over the dataset's relation in a read-only transaction; SQL errors name the dataset. */
  async run<T>(dataset: DatasetEntity, work: (q: ReadQuery, from: string) => Promise<T>): Promise<T> {
    const definition = dataset.definition!;
    const from = fromItem(definition);
    return this.warehouse
      .read((q) => work(q, from))
      .catch((error: unknown) => {
        throw asInputError(
          error,
          `dataset "${dataset.name}" (${describeDefinition(definition)} in the warehouse)`,
          'datasetId',
        );
      });
  }
}

async function describe(
  q: ReadQuery,
  from: string,
  what: string,
  argument: string,
): Promise<{ columns: StoredColumn[]; rowCount: number }> {
  const fields = await q.fields(`SELECT * FROM ${from} LIMIT 0`);
  if (fields.length === 0) throw new InputError(`${argument}: ${what} has no columns`, argument);
  const names = new Set<string>();
  const oids = [...new Set(fields.map((f) => f.dataTypeID))];
  const typeNames = new Map(
    (await q.rows<[number, string]>('SELECT oid::int, typname::text FROM pg_type WHERE oid = ANY($1)', [oids])).map(
      ([oid, typname]) => [oid, typname],
    ),
  );
  const kinds = fields.map((f) => {
    if (names.has(f.name)) throw new InputError(`${argument}: ${what} has two columns named "${f.name}"`, argument);
    names.add(f.name);
    const pgType = typeNames.get(f.dataTypeID) ?? `type ${f.dataTypeID}`;
    const kind = quadrantType(pgType);
    if (kind === null) {
      throw new InputError(
        `${argument}: column "${f.name}" of ${what} has PostgreSQL type ${pgType}, which Quadrant cannot read ` +
          '(numbers, dates, timestamps, booleans and text are read); connect a query that casts or leaves it out',
        f.name,
      );
    }
    return kind;
  });
  const counts = fields.flatMap((f, i) =>
    kinds[i] === 'STRING' ? [`count(${col(f.name)})`, `count(DISTINCT ${col(f.name)})`] : [`count(${col(f.name)})`],
  );
  const [row] = await q.rows<(string | number)[]>(`SELECT count(*), ${counts.join(', ')} FROM ${from}`);
  const figures = row.map(Number);
  const rowCount = figures[0];
  let at = 1;
  const columns = fields.map((f, i): StoredColumn => {
    const present = figures[at++];
    let type: ColumnType;
    if (kinds[i] === 'STRING') type = stringType(figures[at++], present);
    else type = kinds[i] as ColumnType;
    return { name: f.name, type, missingCount: rowCount - present };
  });
  return { columns, rowCount };
}

/** Appends streamed values into the Table's typed column. */
class ColumnBuilder {
  private numbers = new Float64Array(1024);
  private codes = new Int32Array(1024);
  private readonly strings: (string | null)[] = [];
  private readonly levels = new Map<string, number>();
  private n = 0;

  constructor(
    private readonly name: string,
    private readonly type: ColumnType,
  ) {}

  push(value: unknown): void {
    if (this.type === 'TEXT') {
      this.strings.push(value as string | null);
      this.n++;
      return;
    }
    if (this.n === this.numbers.length && this.type !== 'CATEGORY') {
      const grown = new Float64Array(this.n * 2);
      grown.set(this.numbers);
      this.numbers = grown;
    }
    if (this.type === 'CATEGORY') {
      if (this.n === this.codes.length) {
        const grown = new Int32Array(this.n * 2);
        grown.set(this.codes);
        this.codes = grown;
      }
      let code = -1;
      if (value !== null) {
        const text = value as string;
        code = this.levels.get(text) ?? -1;
        if (code < 0) {
          code = this.levels.size;
          this.levels.set(text, code);
        }
      }
      this.codes[this.n++] = code;
      return;
    }
    this.numbers[this.n++] = value === null ? NaN : (value as number);
  }

  finish(): Column {
    const { name } = this;
    switch (this.type) {
      case 'TEXT':
        return { name, type: 'TEXT', values: this.strings };
      case 'CATEGORY':
        return { name, type: 'CATEGORY', codes: this.codes.slice(0, this.n), levels: [...this.levels.keys()] };
      default:
        return { name, type: this.type, values: this.numbers.slice(0, this.n) } as Column;
    }
  }
}

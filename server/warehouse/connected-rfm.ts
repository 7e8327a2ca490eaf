import { InputError } from '../../shared/errors';
import { checkRfmOptions, rfmFromCustomers } from '../../shared/segment/rfm';
import { subtractMonths, type RfmTable } from '../../shared/segment/rfm-table';
import type { RfmOptions, RfmResult } from '../../shared/segment/types';
import { textSql, valueSql } from './column-types';
import { columnOf, type ConnectedSource } from './connected-source';
import { col, fromItem } from './relation';

const DAY_MS = 86_400_000;

/**
 * RFM of a connected transactions table: PostgreSQL returns one row per customer — the date of the first
 * transaction (for the order), the last one in the window, the number of transactions and the exact numeric sum of
 * amounts in the window — and the scores and segments are computed from them by the core (rfmFromCustomers), as
 * `rfmTable` + `runRfm` do in memory. Customers come in order of their first transaction, ties by key: the
 * in-memory order when the rows are sorted by date (a table has no row order of its own).
 */
export async function connectedRfm(source: ConnectedSource, options: RfmOptions): Promise<RfmResult> {
  checkRfmOptions(options);
  const windowMonths = options.windowMonths ?? 24;
  if (!Number.isInteger(windowMonths) || windowMonths < 1) {
    throw new InputError(`windowMonths=${windowMonths} must be a whole number of months, at least 1`, 'windowMonths');
  }
  const { dataset, connected } = source;
  const customer = columnOf(dataset, options.customerColumn, 'customerColumn');
  const date = columnOf(dataset, options.dateColumn, 'dateColumn', ['DATE']);
  const amount = columnOf(dataset, options.amountColumn, 'amountColumn', ['NUMBER']);
  const from = fromItem(dataset.definition!);
  const key = textSql(col(customer.name), customer.type);
  const t = valueSql(date.name, 'DATE');
  const a = `${col(amount.name)}::numeric`;
  const dated = `${col(customer.name)} IS NOT NULL AND ${col(date.name)} IS NOT NULL`;

  return connected.run(dataset, async (q) => {
    const [[skipped, last, infinite]] = await q.rows(
      `SELECT count(*) FILTER (WHERE NOT (${dated})), max(${t}) FILTER (WHERE ${dated}), ` +
        `count(*) FILTER (WHERE ${col(amount.name)}::float8 IN ('Infinity', '-Infinity')) FROM ${from}`,
    );
    if (Number(infinite) > 0) {
      throw new InputError(
        `amountColumn: ${Number(infinite)} row(s) hold an infinite amount; a finite amount was expected`,
        'amountColumn',
      );
    }
    if (last === null) {
      throw new InputError(
        'dateColumn: no row has both a customer and a date; there are no transactions to score',
        'dateColumn',
      );
    }
    const asOf = options.asOf ?? Math.floor((last as number) / DAY_MS) * DAY_MS + DAY_MS;
    const windowStart = subtractMonths(asOf, windowMonths);
    const inWindow = `${t} >= $1 AND ${t} < $2`;
    const rows = await q.rows<[string, number, number | null, string, string | null]>(
      `SELECT ${key}, min(${t}), max(${t}) FILTER (WHERE ${inWindow}), count(*) FILTER (WHERE ${inWindow}), ` +
        `sum(${a}) FILTER (WHERE ${inWindow})::text FROM ${from} WHERE ${dated} GROUP BY ${col(customer.name)} ORDER BY 2, ${key} COLLATE "C"`,
      [windowStart, asOf],
    );
    const kept = rows.filter((r) => Number(r[3]) > 0);
    const rfm: RfmTable = {
      keys: kept.map((r) => r[0]),
      recency: Float64Array.from(kept, (r) => Math.floor((asOf - Math.floor(r[2]! / DAY_MS) * DAY_MS) / DAY_MS)),
      frequency: Float64Array.from(kept, (r) => Number(r[3])),
      monetary: Float64Array.from(kept, (r) => (r[4] === null ? 0 : Number(r[4]))),
      asOf,
      windowStart,
      excludedCustomers: rows.length - kept.length,
      skippedRows: Number(skipped),
    };
    return rfmFromCustomers(rfm, options);
  });
}

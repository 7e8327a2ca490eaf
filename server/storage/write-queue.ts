import type { DataSource, EntityManager } from 'typeorm';

/**
 * Makes `reader.transaction(...)` (and `reader.manager.transaction(...)`, which it delegates to) run on `writer`,
 * one transaction at a time in arrival order, and `reader.destroy()` close both. A transaction that fails does not
 * hold up the ones behind it. Code inside a transaction writes through the manager it is handed; starting another
 * transaction from inside one would wait for itself.
 */
export function serialiseTransactions(reader: DataSource, writer: DataSource): DataSource {
  const runOnWriter: EntityManager['transaction'] = writer.manager.transaction.bind(writer.manager);
  let tail: Promise<unknown> = Promise.resolve();
  reader.manager.transaction = ((...args: Parameters<EntityManager['transaction']>) => {
    const result = tail.then(() => (runOnWriter as (...a: typeof args) => Promise<unknown>)(...args));
    tail = result.catch(() => undefined);
    return result;
  }) as EntityManager['transaction'];
  if (reader !== writer) {
    const destroyReader = reader.destroy.bind(reader);
    reader.destroy = async () => {
      await destroyReader();
      await writer.destroy();
    };
  }
  return reader;
}

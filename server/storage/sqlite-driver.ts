import sqlite3 from 'sqlite3';

/**
 * The sqlite3 module as TypeORM's SQLite driver receives it (its `driver` option), minus one thing: TypeORM calls
 * `sqlite3.verbose()`, which wraps every Database method to capture a stack trace (`new Error()`) and
 * `util.inspect` the SQL and its parameters on every call, only to lengthen the stack of an error should one occur.
 * That was about a twentieth of the event loop's time per request under load (profiled with `node --cpu-prof`).
 * Errors keep their message, SQLite code and the caller's stack.
 */
export const sqliteWithoutTraces = { verbose: (): typeof sqlite3 => sqlite3 };

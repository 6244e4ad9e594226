import type { Db } from './client.js';

/**
 * A statement built once per database instead of on every call. Building SQL with
 * Drizzle's query builder was about a fifth of the main thread's time on GET /users/me;
 * a prepared query skips it, and on PostgreSQL it is also a named statement, parsed once
 * per connection. Only for queries run on the database itself, not inside a transaction
 * (a transaction is a new object each time, so nothing would be reused).
 */
export function preparedOn<T>(build: (db: Db) => T): (db: Db) => T {
  const byDb = new WeakMap<Db, T>();
  return (db) => {
    let statement = byDb.get(db);
    if (statement === undefined) {
      statement = build(db);
      byDb.set(db, statement);
    }
    return statement;
  };
}

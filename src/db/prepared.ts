import type { Db } from './client.js';

/**
 * A statement built once per database instead of on every call: building SQL with
 * Drizzle's query builder costs hot paths more CPU than they can spare, and on PostgreSQL
 * a prepared query is also a named statement, parsed once per connection. Only for
 * queries run on the database itself, not inside a transaction (a transaction is a new
 * object each time, so nothing would be reused).
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

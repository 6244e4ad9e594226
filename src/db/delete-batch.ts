import { type SQL, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db } from './client.js';

/**
 * Deletes up to `limit` rows of `table` matching `where`, taken in the order of `order`
 * (an indexed expression, so the index finds them whatever the statistics say), and
 * answers how many. The rows are named by their ctid, so the delete reads exactly those
 * (a TID scan) instead of joining them back to the table, which the planner may do with
 * a scan of the whole table. Rows a request has locked are left for the next batch:
 * waiting on them could deadlock with a statement that locks several.
 */
export async function deleteBatch(db: Db, table: PgTable, where: SQL, order: SQL, limit: number): Promise<number> {
  const result = await db.execute(sql`delete from ${table} where ctid = any(array(
    select ctid from ${table} where ${where} order by ${order} limit ${limit} for update skip locked)) returning 1`);
  return (result as unknown as { rows: unknown[] }).rows.length;
}

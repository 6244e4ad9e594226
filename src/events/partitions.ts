import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';

/*
 * The audit log's partitions (docs/event-storage.md): made ahead of time and dropped past
 * AUDIT_RETENTION_DAYS by the sweep of whichever instance sweeps (src/sweep.ts), with the
 * SQL functions event_partitions_ensure and event_partitions_drop (src/events/sql/).
 * Retention is a partition drop; only the two partitions that are not a time range, the
 * default one and events_legacy (the table as it was before partitioning), lose their old
 * rows one by one, and they hold few old rows: what the outbox kept, and until a year after
 * the conversion what the old table held.
 */

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

/**
 * Partitions are a twelfth of the retention wide, in whole days (a month for the default
 * year): about thirteen partitions whatever the retention, and an event is dropped at
 * most one width after its retention has passed.
 */
export const partitionWidthDays = (retentionDays: number) => Math.max(1, Math.floor(retentionDays / 12));

/** Makes the partitions of the next two widths and a day that do not exist yet; answers how many. */
export async function ensureEventPartitions(db: Db, retentionDays: number): Promise<number> {
  const width = partitionWidthDays(retentionDays);
  const [row] = rowsOf<{ made: number }>(
    await db.execute(
      sql`select event_partitions_ensure(now() + ${2 * width + 1} * interval '1 day', ${width} * interval '1 day') as made`,
    ),
  );
  return Number(row?.made ?? 0);
}

/**
 * Drops the partitions that hold only events past the retention (keeping what the outbox
 * holds); answers how many. Two statements: detaching locks `events` for a moment, and
 * dropping what was detached, which takes as long as removing its files, locks nothing
 * the service uses.
 */
export async function dropOldEventPartitions(db: Db, retentionDays: number): Promise<number> {
  const [row] = rowsOf<{ dropped: number }>(
    await db.execute(sql`select event_partitions_drop(now() - ${retentionDays} * interval '1 day') as dropped`),
  );
  await db.execute(sql`select event_partitions_discard()`);
  return Number(row?.dropped ?? 0);
}

/**
 * Deletes, `limit` at a time, the events past the retention that the default partition
 * and events_legacy hold and the outbox does not (with their deliveries); answers how
 * many. events_legacy is read in `seq` order from its start, which is time order, and
 * only up to its first event inside the retention, so a sweep that finds nothing to
 * delete reads a batch at most; the default partition is small.
 */
export async function trimOldEvents(db: Db, retentionDays: number, limit: number, maxBatches: number): Promise<number> {
  const cutoff = sql`now() - ${retentionDays} * interval '1 day'`;
  let deleted = 0;
  for (let i = 0; i < maxBatches; i++) {
    const [row] = rowsOf<{ n: number }>(
      await db.execute(sql`with victims as (
          select e.seq from events_default e
          where e.occurred_at < ${cutoff} and not exists (select 1 from event_outbox o where o.seq = e.seq) limit ${limit}),
        gone as (delete from events_default e using victims v where e.seq = v.seq returning e.seq),
        receipts as (delete from event_deliveries_default d using gone g where d.seq = g.seq)
        select count(*)::integer as n from gone`),
    );
    deleted += Number(row?.n ?? 0);
    if (Number(row?.n ?? 0) < limit) break;
  }
  const [legacy] = rowsOf<{ present: boolean }>(await db.execute(sql`select to_regclass('events_legacy') is not null as present`));
  if (!legacy?.present) return deleted;
  let after = 0;
  for (let i = 0; i < maxBatches; i++) {
    const [row] = rowsOf<{ n: number; last: string | number | null; reached: boolean; read: number }>(
      await db.execute(sql`with batch as (select seq, occurred_at from events_legacy where seq > ${after} order by seq limit ${limit}),
        edge as (select min(seq) as seq from batch where occurred_at >= ${cutoff}),
        old as (select b.seq from batch b where b.seq < coalesce((select seq from edge), 9223372036854775807)),
        gone as (delete from events_legacy e using old o
          where e.seq = o.seq and not exists (select 1 from event_outbox x where x.seq = o.seq) returning e.seq),
        receipts as (delete from event_deliveries_legacy d using gone g where d.seq = g.seq)
        select (select count(*) from gone)::integer as n, (select max(seq) from old) as last,
          (select seq from edge) is not null as reached, (select count(*) from batch)::integer as read`),
    );
    deleted += Number(row?.n ?? 0);
    if (!row || row.reached || Number(row.read) < limit || row.last === null) break;
    after = Number(row.last);
  }
  return deleted;
}

import { sql } from 'drizzle-orm';
import type { Db } from '../../src/db/client.js';
import { claimDue, markDelivered, subscribe } from '../../src/events/outbox.js';
import type { Figure } from './measure.js';

/*
 * Retention (the partition drop, and for contrast the DELETE it replaces) with the WAL each
 * writes, and the outbox after a million deliveries.
 */

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

/** WAL written by `run`, in bytes, from pg_current_wal_insert_lsn() before and after. */
async function walOf(db: Db, run: () => Promise<unknown>): Promise<{ bytes: number; ms: number }> {
  const [before] = rowsOf<{ lsn: string }>(await db.execute(sql`select pg_current_wal_insert_lsn()::text as lsn`));
  const started = performance.now();
  await run();
  const ms = performance.now() - started;
  const [after] = rowsOf<{ bytes: string }>(
    await db.execute(sql`select pg_wal_lsn_diff(pg_current_wal_insert_lsn(), ${before!.lsn}::pg_lsn)::bigint::text as bytes`),
  );
  return { bytes: Number(after!.bytes), ms };
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(bytes < 1e6 ? 3 : 1)} MB of WAL`;

/**
 * Retention at AUDIT_RETENTION_DAYS=365: the partitions wholly past it dropped (of the 425
 * days loaded, one month or two). With `contrast`, first the DELETE of the same events,
 * the way retention worked before, rolled back.
 */
export async function retention(db: Db, contrast: boolean): Promise<Figure[]> {
  const [bound] = rowsOf<{ upper: string | null }>(
    await db.execute(sql`select max(u)::text as upper from (
      select (regexp_match(pg_get_expr(c.relpartbound, c.oid), 'TO \\(''([^'']+)''\\)'))[1]::timestamptz as u
      from pg_inherits i join pg_class c on c.oid = i.inhrelid where i.inhparent = 'events'::regclass) p
      where u <= now() - interval '365 days'`),
  );
  const upper = bound?.upper ?? '-infinity';
  const [old] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::integer as n from events where occurred_at < ${upper}::timestamptz`));
  const figures: Figure[] = [];
  if (contrast) {
    let wal = { bytes: 0, ms: 0 };
    await db
      .transaction(async (tx) => {
        wal = await walOf(tx as unknown as Db, () => tx.execute(sql`delete from events where occurred_at < ${upper}::timestamptz`));
        throw new Error('rolled back');
      })
      .catch(() => {});
    figures.push({ name: 'retention by DELETE (before)', ms: wal.ms, p90: NaN, note: `${old!.n} events, ${mb(wal.bytes)}` });
  }
  // The two statements of dropOldEventPartitions, each timed: what locks events, and what does not.
  let dropped = 0;
  const detach = await walOf(db, async () => {
    const [row] = rowsOf<{ n: number }>(await db.execute(sql`select event_partitions_drop(now() - interval '365 days') as n`));
    dropped = Number(row!.n);
  });
  const discard = await walOf(db, () => db.execute(sql`select event_partitions_discard()`));
  figures.push(
    { name: 'retention by partition drop: detach (events locked)', ms: detach.ms, p90: NaN, note: `${old!.n} events in ${dropped} partitions, ${mb(detach.bytes)}` },
    { name: 'retention by partition drop: drop the detached (nothing locked)', ms: discard.ms, p90: NaN, note: mb(discard.bytes) },
  );
  return figures;
}

/**
 * A million deliveries through the outbox as the sender makes them (claimDue, then
 * markDelivered for each), recorded a thousand at a time, with no manual VACUUM: every
 * `every` deliveries, the claim when nothing is due (the one the sender polls every second,
 * which reads every dead entry autovacuum has not removed yet) and the outbox's size.
 */
export async function deliveries(db: Db, total: number, every: number, log: (line: string) => void): Promise<Figure[]> {
  await subscribe(db, ['session.created']);
  await db.execute(sql`delete from event_outbox`);
  const figures: Figure[] = [];
  const probe = async (done: number) => {
    const times: number[] = [];
    for (let i = 0; i < 21; i++) {
      const started = performance.now();
      await claimDue(db, 20, 30);
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const [size] = rowsOf<{ bytes: string; dead: string | null; vacuums: string | null }>(
      await db.execute(sql`select pg_total_relation_size('event_outbox')::text as bytes, s.n_dead_tup::text as dead,
        s.autovacuum_count::text as vacuums from pg_stat_user_tables s where s.relname = 'event_outbox'`),
    );
    const note = `outbox ${(Number(size!.bytes) / 1024).toFixed(0)} kB, ${size!.dead ?? 0} dead rows, autovacuumed ${size!.vacuums ?? 0}×`;
    figures.push({ name: `outbox: idle claim after ${done.toLocaleString('en')} deliveries`, ms: times[10]!, p90: times[18]!, note });
    log(`  ${done} delivered: idle claim ${times[10]!.toFixed(2)} ms, ${note}`);
  };
  await probe(0);
  let done = 0;
  const started = performance.now();
  while (done < total) {
    await db.execute(sql`insert into events (id, type, actor, user_id, data)
      select uuid_v7(), 'session.created', 'user', n, jsonb_build_object('user_id', n) from generate_series(1, 1000) n`);
    for (;;) {
      const claimed = await claimDue(db, 20, 30);
      if (claimed.length === 0) break;
      await Promise.all(claimed.map((e) => markDelivered(db, e.seq)));
      done += claimed.length;
    }
    if (done % every === 0 || done >= total) await probe(done);
  }
  log(`  ${done} deliveries in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  await subscribe(db, []);
  return figures;
}

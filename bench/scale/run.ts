/**
 * The scale benchmark (issue 25): what each hot path and background job costs with a year
 * of data for `--small` and for `--users` accounts, and the ratio between the two sizes,
 * which is the figure it is judged by (≤ 1.2). Then the outbox after a million
 * deliveries, and the conversion of an existing database. See bench/README.md.
 *
 *   npm run bench:scale -- [--users=1000000] [--small=100000] [--runs=200] [--deliveries=1000000]
 *     [--convert=3000000] [--only=sizes,deliveries,convert] [--keep] [--json=FILE]
 *
 * BENCH_DATABASE_URL names a PostgreSQL server whose user may create databases (the
 * database scale_bench is made there and dropped afterwards); without it a throwaway
 * server is started as for `npm run bench`.
 */
import { existsSync, symlinkSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { type Database, openDatabase } from '../../src/db/client.js';
import { subscribe } from '../../src/events/outbox.js';
import { EVENT_TYPES } from '../../src/events/types.js';
import { providePostgres } from '../postgres.js';
import { convert } from './convert.js';
import { deliveries, retention } from './jobs.js';
import { EVENT_DAYS, load } from './load.js';
import { backgroundOps, type Figure, hotPaths, type Op, summary, sweepVictims, timesOf } from './measure.js';

const log = (line: string) => console.log(line);

function options(argv: string[]) {
  const flags = new Map(argv.map((a) => /^--([a-z]+)(?:=(.*))?$/.exec(a) ?? [a, a, undefined]).map((m) => [m[1]!, m[2] ?? 'true']));
  const known = ['users', 'small', 'runs', 'deliveries', 'convert', 'only', 'keep', 'json'];
  for (const k of flags.keys()) if (!known.includes(k)) throw new Error(`unknown option --${k}`);
  const num = (k: string, d: number) => (flags.has(k) ? Number(flags.get(k)) : d);
  const users = num('users', 1_000_000);
  return {
    users,
    small: num('small', Math.round(users / 10)),
    runs: num('runs', 200),
    deliveries: num('deliveries', 1_000_000),
    convert: num('convert', 3_000_000),
    only: (flags.get('only') ?? 'sizes,deliveries,convert').split(','),
    keep: flags.has('keep'),
    json: flags.get('json'),
  };
}

/** The service's migrations folder as dist/scale/src/db/client.js finds it (two levels up). */
function linkMigrations(): void {
  const here = fileURLToPath(new URL('../../drizzle', new URL('../../src/db/client.js', import.meta.url)));
  const root = fileURLToPath(new URL('../../../../drizzle', import.meta.url));
  if (!existsSync(here)) symlinkSync(root, here);
}

async function withDatabase<T>(adminUrl: string, name: string, keep: boolean, run: (url: string) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  try {
    return await run(url.toString());
  } finally {
    if (!keep) await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

/**
 * Partitions for the loaded 425 days: those a fresh database starts with (events_legacy
 * and the first ones, empty) give way to 30-day ones from 396 days ago, made by the
 * service's own event_partitions_ensure (started after a placeholder partition ending there).
 */
async function pastPartitions(client: pg.Client): Promise<void> {
  await client.query(`do $$ declare r record; begin
    for r in select c.relname, i.inhparent::regclass::text as parent from pg_inherits i join pg_class c on c.oid = i.inhrelid
      where i.inhparent in ('events'::regclass, 'event_deliveries'::regclass) and pg_get_expr(c.relpartbound, c.oid) <> 'DEFAULT' loop
      execute format('alter table %s detach partition %I', r.parent, r.relname);
      execute format('drop table %I', r.relname);
    end loop;
    execute format('create table events_start partition of events for values from (minvalue) to (%L)', now() - interval '${EVENT_DAYS + 1} days');
    execute format('create table event_deliveries_start partition of event_deliveries for values from (minvalue) to (%L)', now() - interval '${EVENT_DAYS + 1} days');
    perform event_partitions_ensure(now() + interval '61 days', interval '30 days');
    drop table events_start; drop table event_deliveries_start;
  end $$`);
}

/** A database of `users` accounts, loaded and vacuumed, subscribed as a service with a webhook would be. */
async function loaded(url: string, users: number): Promise<Database> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const database = await openDatabase({ url, poolSize: 4 });
  try {
    await database.migrate();
    // Nothing enqueued while loading (a database no service started on keeps every event to send).
    await subscribe(database.db, []);
    await pastPartitions(client);
    const started = performance.now();
    log(`loading ${users.toLocaleString('en')} accounts`);
    await load(client, users, log);
    await client.query('vacuum analyze');
    const [size] = (await client.query<{ size: string; events: string }>(
      `select pg_size_pretty(pg_database_size(current_database())) as size, (select count(*) from events)::text as events`,
    )).rows;
    log(`  ${size!.events} events, ${size!.size}, loaded and vacuumed in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    await subscribe(database.db, EVENT_TYPES.filter((t) => t !== 'login.failed'));
    return database;
  } catch (err) {
    await database.close();
    throw err;
  } finally {
    await client.end();
  }
}

/**
 * Every op on both databases, in turns (small, large, small, large…: the host's load drifts
 * over minutes, and both sizes should see the same drift), `runs` timed calls each in all.
 */
async function interleaved(pairs: [Op, Op][], runs: number, turns = 8): Promise<[Figure[], Figure[]]> {
  const small: Figure[] = [];
  const large: Figure[] = [];
  for (const [a, b] of pairs) {
    const times: [number[], number[]] = [[], []];
    const per = Math.ceil(runs / turns);
    for (let t = 0; t < turns; t++) {
      times[0].push(...(await timesOf(a, per, t === 0 ? 20 : 2, t * (per + 20))));
      times[1].push(...(await timesOf(b, per, t === 0 ? 20 : 2, t * (per + 20))));
    }
    small.push({ name: a.name, ...summary(times[0]), ...(a.note ? { note: a.note } : {}) });
    large.push({ name: b.name, ...summary(times[1]), ...(b.note ? { note: b.note } : {}) });
    log(`  ${a.name}: ${small.at(-1)!.ms.toFixed(2)} ms / ${large.at(-1)!.ms.toFixed(2)} ms`);
  }
  return [small, large];
}

async function compareSizes(small: Database, large: Database, o: ReturnType<typeof options>): Promise<[Figure[], Figure[]]> {
  const calls = o.runs + 100;
  // First: the sweep of backgroundOps would drop the partitions past the retention itself.
  const [retA, retB] = [await retention(small.db, true), await retention(large.db, true)];
  // Nothing of the contrast's WAL left for a checkpoint to write in the middle of what follows.
  await small.db.execute(sql`checkpoint`);
  const [hotA, hotB] = [await hotPaths(small, o.small, calls), await hotPaths(large, o.users, calls)];
  const [bgA, bgB] = [await backgroundOps(small.db, calls), await backgroundOps(large.db, calls)];
  const pairs = [...hotA, ...bgA].map((a, i): [Op, Op] => [a, [...hotB, ...bgB][i]!]);
  const [a, b] = await interleaved(pairs, o.runs);
  // Once each: they change what they measure.
  const [sweptA, sweptB] = await sweepVictims([small.db, large.db], 5);
  a.push(...retA, ...sweptA!);
  b.push(...retB, ...sweptB!);
  return [a, b];
}

function table(small: number, large: number, a: Figure[], b: Figure[]): string {
  const n = (x: number) => x.toLocaleString('en');
  const lines = [`| | ${n(small)} accounts | ${n(large)} accounts | ratio |`, '|---|---:|---:|---:|'];
  for (const [i, f] of a.entries()) {
    const g = b[i];
    if (!g) continue;
    const name = f.name.replace(/[0-9]+ (events|deleted)/, '… $1');
    const cell = (x: Figure) => `${x.ms.toFixed(2)} ms${x.note ? ` (${x.note})` : ''}`;
    lines.push(`| ${name} | ${cell(f)} | ${cell(g)} | ${(g.ms / f.ms).toFixed(2)} |`);
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const o = options(process.argv.slice(2));
  linkMigrations();
  const pgTarget = process.env.BENCH_DATABASE_URL
    ? { ok: true as const, adminUrl: process.env.BENCH_DATABASE_URL, cleanup: async () => {} }
    : await providePostgres(undefined, log).then((p) => {
        if (!p.ok) throw new Error(p.reason);
        return { ok: true as const, adminUrl: p.target.url, cleanup: () => p.target.cleanup() };
      });
  const out: Record<string, unknown> = { options: o };
  try {
    if (o.only.includes('sizes')) {
      const [a, b] = await withDatabase(pgTarget.adminUrl, `scale_bench_${o.small}`, o.keep, (smallUrl) =>
        withDatabase(pgTarget.adminUrl, `scale_bench_${o.users}`, o.keep, async (largeUrl) => {
          const small = await loaded(smallUrl, o.small);
          const large = await loaded(largeUrl, o.users).catch(async (err: unknown) => {
            await small.close();
            throw err;
          });
          try {
            const figures = await compareSizes(small, large, o);
            if (o.only.includes('deliveries')) figures[1].push(...(await deliveries(large.db, o.deliveries, o.deliveries / 10, log)));
            return figures;
          } finally {
            await small.close();
            await large.close();
          }
        }),
      );
      out.sizes = { [o.small]: a, [o.users]: b };
      log(`\n${table(o.small, o.users, a, b)}\n`);
      const extra = b.slice(a.length);
      if (extra.length) log(`${extra.map((f) => `| ${f.name} | ${f.ms.toFixed(2)} ms | ${f.note ?? ''} |`).join('\n')}\n`);
    } else if (o.only.includes('deliveries')) {
      out.deliveries = await withDatabase(pgTarget.adminUrl, 'scale_bench', o.keep, async (url) => {
        const database = await loaded(url, o.small);
        try {
          return await deliveries(database.db, o.deliveries, o.deliveries / 10, log);
        } finally {
          await database.close();
        }
      });
    }
    if (o.only.includes('convert')) {
      const c = await withDatabase(pgTarget.adminUrl, 'scale_convert', false, (url) => convert(url, o.convert, log));
      out.conversion = c;
      const validate = c.steps.find((s) => s.tag.includes('validate'))!.ms;
      log(`\nconversion of ${c.events.toLocaleString('en')} events: ${c.steps.map((s) => `${s.tag} ${s.ms.toFixed(0)} ms`).join(', ')}`);
      log(`  at 30 M events the validation would take ~${((validate / c.events) * 30e6 / 1000).toFixed(0)} s (writes go on);`);
      log(`  the old version's ${c.writes} inserts meanwhile waited at most ${c.slowestWriteMs.toFixed(0)} ms`);
    }
  } finally {
    await pgTarget.cleanup();
  }
  if (o.json) writeFileSync(o.json, JSON.stringify(out, null, 2));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

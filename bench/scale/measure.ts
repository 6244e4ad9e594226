import { sql } from 'drizzle-orm';
import { newSessionId } from '../../src/crypto/random.js';
import type { Database, Db } from '../../src/db/client.js';
import { listEvents } from '../../src/events/audit.js';
import { claimDue, countByState } from '../../src/events/outbox.js';
import { countAttemptAndFindUser, openSessionClearing } from '../../src/login/repository.js';
import { requestSmsKeys, useSmsKey } from '../../src/phone-verify/repository.js';
import { findSessionUser, findLiveSession } from '../../src/sessions/lookup.js';
import { countLiveSessions, lastSessionOpenedAt, rotateRefresh } from '../../src/sessions/repository.js';
import { sweepExpired } from '../../src/sweep.js';
import { findKeptUser, searchUsers } from '../../src/users/search.js';
import { withdrawAccount } from '../../src/withdrawal/service.js';

/*
 * Each hot path and background job, timed as the service runs it: its own functions (and
 * so its own statements) on the loaded database, each call for another account picked at
 * random. A figure is the median of `runs` calls after `warm` untimed ones, in ms,
 * round trip included (the database is on the same host).
 */

/** One thing timed: called with a different `i` each time. */
export interface Op {
  name: string;
  run(i: number): Promise<unknown>;
  note?: string;
}

export interface Figure {
  name: string;
  ms: number;
  p90: number;
  /** What else the row should say (matches, rows deleted…). */
  note?: string;
}

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;
const BIG = 1_000_000_000;

/** `runs` timed calls of `op` after `warm` untimed ones, numbered from `from`: each call's ms. */
export async function timesOf(op: Op, runs: number, warm: number, from = 0): Promise<number[]> {
  for (let i = 0; i < warm; i++) await op.run(from + i);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await op.run(from + warm + i);
    times.push(performance.now() - started);
  }
  return times;
}

/** The median and the 90th percentile of `times`. */
export function summary(times: number[]): { ms: number; p90: number } {
  const sorted = [...times].sort((a, b) => a - b);
  return { ms: sorted[Math.floor(sorted.length / 2)]!, p90: sorted[Math.floor(sorted.length * 0.9)]! };
}

interface Sample {
  users: number[];
  live: { id: string; userId: number; hash: string }[];
}

/** Accounts and live sessions to pick from, read once through the indexes (untimed). */
async function sample(db: Db, users: number, n: number): Promise<Sample> {
  const ids = Array.from({ length: n }, () => 1 + Math.floor(Math.random() * users)).filter((id) => id % 100 !== 42);
  const live = rowsOf<{ id: string; user_id: string | number; hash: string }>(
    await db.execute(sql`select id, user_id, refresh_jti_hash as hash from sessions
      where user_id = any(${`{${ids.join(',')}}`}::bigint[]) and revoked_at is null and expires_at > now()`),
  );
  return { users: ids, live: live.map((s) => ({ id: s.id, userId: Number(s.user_id), hash: s.hash })) };
}

/** The hot paths, the admin API's reads and the withdrawal, for up to `calls` calls each. */
export async function hotPaths(database: Database, users: number, calls: number): Promise<Op[]> {
  const db = database.db;
  const s = await sample(db, users, calls + 200);
  const pick = <T>(list: T[], i: number) => list[i % list.length]!;
  const emails = new Map<number, string>();
  // Every sampled account: the turns of interleaved() reach past the first `calls`.
  for (const id of s.users) {
    const [row] = rowsOf<{ email: string }>(await db.execute(sql`select email_folded as email from users where id = ${id}`));
    emails.set(id, row!.email);
  }
  const ops: Op[] = [];
  const add = async (name: string, run: (i: number) => Promise<unknown>, note?: string) => {
    ops.push({ name, run, ...(note ? { note } : {}) });
  };
  const budget = { accountMax: BIG, lockSeconds: 900 };
  const limit = (i: number) => ({ bucket: `login:bench:${users}:${i}`, windowSeconds: 900, max: BIG });

  await add('who-am-I (find_session_users)', (i) => {
    const x = pick(s.live, i);
    return findSessionUser(db, x.id, x.userId, 'bench');
  });
  await add('login: count the attempt, read the account', (i) =>
    countAttemptAndFindUser(db, { limit: limit(i), password: true, budgetBucket: `budget:${users}:${i}`, budget, email: emails.get(s.users[i]!)! }),
  );
  await add('login: open the session (open_session)', (i) =>
    openSessionClearing(
      db,
      { id: newSessionId(), userId: s.users[i]!, refreshJtiHash: `bench${i}`, ttlSeconds: 86400, ip: '203.0.113.9', userAgent: 'bench', method: 'password' },
      { bucket: limit(i).bucket },
    ),
  );
  await add('refresh: read and rotate the session', async (i) => {
    const x = pick(s.live, i);
    await findLiveSession(db, x.id, x.userId, 'bench');
    if (await rotateRefresh(db, { sessionId: x.id, fromHash: x.hash, toHash: `r${i}${x.hash}`.slice(0, 43), ttlSeconds: 86400 })) {
      x.hash = `r${i}${x.hash}`.slice(0, 43);
    }
  });
  const phone = (i: number) => `+8219${String(users).slice(0, 2)}${String(i).padStart(6, '0')}`;
  await add('request_sms_keys', (i) =>
    requestSmsKeys(db, {
      phone: phone(i),
      country: '82',
      keyHash: `key${i}`,
      client: `198.18.${i % 250}.${i % 251}`,
      limits: { phoneHour: { bucket: `ph:${phone(i)}`, max: BIG }, phoneDay: { bucket: `pd:${phone(i)}`, max: BIG }, ip: { bucket: `ip:${i}`, max: BIG } },
      policy: { ttlSeconds: 3600, cooldownSeconds: 60, maxAttempts: 5, trickleSeconds: 900 },
      spend: { hourMax: BIG, dayMax: BIG, breakerMinSent: BIG, breakerMinConversion: 0, homeCountry: '82' },
    }),
  );
  await add('use_sms_key', (i) =>
    useSmsKey(db, { phone: phone(i), keyHash: `key${i}`, maxAttempts: 5, failures: { bucket: `pf:${phone(i)}`, max: BIG }, client: `198.18.${i % 250}.${i % 251}`, token: { hash: `tok${users}${i}`, ttlSeconds: 600 } }),
  );
  await add('admin: an account by id', (i) => findKeptUser(db, s.users[i]!));
  await add('admin: search by phone number', (i) => searchUsers(db, { phoneNumber: `+8210${String(s.users[i]).padStart(8, '0')}` }, 50));
  await add('admin: search by email prefix, one account', (i) => searchUsers(db, { emailPrefix: emails.get(s.users[i]!)!.split('@')[0] }, 50));
  const [kimE] = rowsOf<{ n: number }>(
    await db.execute(sql`select count(*)::integer as n from users where email_folded like 'kim.e%' and withdrawn_at is null`),
  );
  await add('admin: search by email prefix `kim.e`', () => searchUsers(db, { emailPrefix: 'kim.e' }, 50), `${kimE!.n} matches`);
  await add('admin: account details (live sessions, last login)', (i) =>
    Promise.all([countLiveSessions(db, s.users[i]!), lastSessionOpenedAt(db, s.users[i]!)]),
  );
  await add('admin: events of an account, newest 50', (i) => listEvents(db, { userId: s.users[i]! }, 50));
  await add('admin: events, newest 50', () => listEvents(db, {}, 50));
  await add('admin: events of a type, newest 50', () => listEvents(db, { type: 'user.updated' }, 50));
  await add('withdrawal', (i) => db.transaction((tx) => withdrawAccount(tx, { actor: 'admin:1', ip: '203.0.113.9' }, s.users[i]!)));
  return ops;
}

/** A thousand rows of each kind for the sweep to delete: sessions, keys, counters, conversion minutes, challenges. */
async function victims(db: Db): Promise<void> {
  await db.execute(sql`insert into sessions (id, user_id, refresh_jti_hash, created_at, expires_at)
    select gen_random_uuid(), 1, 'old', now() - interval '40 days', now() - interval '39 days' from generate_series(1, 1000) n`);
  await db.execute(sql`insert into phone_verifications (phone_number, key_hash, created_at, expires_at)
    select '+8210' || n, 'old', now() - interval '3 days', now() - interval '3 days' from generate_series(1, 1000) n`);
  await db.execute(sql`insert into rate_limits (bucket, count, window_start, expires_at)
    select 'old:' || n, 1, now() - interval '3 days', now() - interval '2 days' from generate_series(1, 1000) n on conflict do nothing`);
  await db.execute(sql`insert into sms_conversion (country_code, slot, sent, confirmed)
    select '1', date_trunc('minute', now() - interval '3 days') - n * interval '1 minute', 1, 1 from generate_series(1, 1000) n on conflict do nothing`);
  await db.execute(sql`insert into mfa_challenges (token_hash, user_id, method, client_hash, clear_bucket, expires_at)
    select 'old' || n, 1, 'password', 'x', 'x', now() - interval '1 hour' from generate_series(1, 1000) n
    on conflict do nothing`);
}

/**
 * The sweep with a thousand rows of each kind to delete, `turns` times on each database in
 * turn (the rows made afresh each time, untimed): the whole sweep and each job, medians.
 */
export async function sweepVictims(dbs: Db[], turns: number): Promise<Figure[][]> {
  const times = dbs.map(() => new Map<string, number[]>());
  for (let t = 0; t < turns; t++) {
    for (const [i, db] of dbs.entries()) {
      await victims(db);
      const started = performance.now();
      const report = await sweepExpired(db, 3600);
      const add = (name: string, ms: number) => times[i]!.set(name, [...(times[i]!.get(name) ?? []), ms]);
      add('sweep, 1,000 rows of each kind to delete', performance.now() - started);
      for (const [job, r] of Object.entries(report)) if (r.n > 0) add(`  ${job}: 1,000 deleted`, r.ms);
    }
  }
  return times.map((m) => [...m.entries()].map(([name, ms]) => ({ name, ...summary(ms) })));
}

/** The outbox's claim with a backlog of `calls` × 20 events, /metrics' counts, and the sweep with nothing to delete. */
export async function backgroundOps(db: Db, calls: number): Promise<Op[]> {
  await db.execute(sql`insert into events (id, type, actor, user_id, data)
    select uuid_v7(), 'session.created', 'user', n, jsonb_build_object('user_id', n) from generate_series(1, ${20 * calls}) n`);
  await sweepExpired(db, 3600);
  return [
    { name: 'outbox: claim 20 due events', run: () => claimDue(db, 20, 30) },
    { name: '/metrics: pending and failed events', run: () => countByState(db) },
    { name: 'sweep, nothing to delete', run: () => sweepExpired(db, 3600) },
  ];
}

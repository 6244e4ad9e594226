import { sql } from 'drizzle-orm';
import type { AppContext } from './context.js';
import type { Database, Db } from './db/client.js';
import { dropPending } from './events/outbox.js';
import { dropOldEventPartitions, ensureEventPartitions, trimOldEvents } from './events/partitions.js';
import type { App } from './http/types.js';
import { sweepFailedRevocations } from './identities/revocations.js';
import { deleteExpiredChallenges } from './login/challenges.js';
import { deleteExpiredOidcPayloads } from './oidc-provider/repository.js';
import { deleteExpiredWebAuthnChallenges } from './passkeys/repository.js';
import { deleteOldConversionSlots, deleteOldKeys } from './phone-verify/repository.js';
import { deleteEndedSessions } from './sessions/repository.js';
import { deleteEndedFlows } from './social/flows.js';
import { deleteEndedSignups } from './social/signups.js';
import { deleteClosedCounters } from './throttle/repository.js';

/** Rows a batch deletes: each batch is a statement of its own, so no row stays locked longer than it takes. */
export const SWEEP_BATCH = 1000;
/** Batches of one job per sweep: a backlog (the first sweep of a big database) is worked off over several sweeps. */
const MAX_BATCHES = 200;

/** What one sweep did: per job, rows (or partitions) it deleted or made, and milliseconds. */
export type SweepReport = Record<string, { n: number; ms: number }>;

/**
 * Keeps what nothing can use any more from piling up, each table by its owner: the audit
 * log's partitions made ahead of time and dropped past AUDIT_RETENTION_DAYS (what the
 * outbox holds is kept), pending events no sender will send, closed throttle windows,
 * keys and tokens past their lifetimes with the conversion breaker's counts of their
 * minutes, sessions that ended long ago, second-step and passkey challenges past their
 * five minutes, social sign-in flows and sign-ups past their lifetimes, the OpenID
 * provider's expired grants, codes, tokens and sessions, and provider revocations that
 * failed AUDIT_RETENTION_DAYS ago. (A withdrawal deletes the account's second factor
 * itself.) Every delete goes through an index, a batch at a time; the deletes are idempotent.
 */
export async function sweepExpired(
  db: Db,
  longestTokenTtlSeconds: number,
  audit: { retentionDays: number; sending: boolean } = { retentionDays: 365, sending: true },
): Promise<SweepReport> {
  const report: SweepReport = {};
  const job = async (name: string, run: () => Promise<number>) => {
    const started = performance.now();
    report[name] = { n: await run(), ms: performance.now() - started };
  };
  const batches = (one: () => Promise<number>) => async () => {
    let n = 0;
    for (let i = 0; i < MAX_BATCHES; i++) {
      const deleted = await one();
      n += deleted;
      if (deleted < SWEEP_BATCH) break;
    }
    return n;
  };
  await job('event partitions made', () => ensureEventPartitions(db, audit.retentionDays));
  await job('event partitions dropped', () => dropOldEventPartitions(db, audit.retentionDays));
  // With no receiver configured, nothing will ever send them.
  if (!audit.sending) await job('unsent events', batches(() => dropPending(db, [], SWEEP_BATCH)));
  await job('old events', () => trimOldEvents(db, audit.retentionDays, SWEEP_BATCH, MAX_BATCHES));
  await job('throttle counters', batches(() => deleteClosedCounters(db, SWEEP_BATCH)));
  await job('sms keys', batches(() => deleteOldKeys(db, longestTokenTtlSeconds, SWEEP_BATCH)));
  await job('sms conversion', batches(() => deleteOldConversionSlots(db, longestTokenTtlSeconds, SWEEP_BATCH)));
  await job('sessions', batches(() => deleteEndedSessions(db, SWEEP_BATCH)));
  await job('mfa challenges', batches(() => deleteExpiredChallenges(db, SWEEP_BATCH)));
  await job('passkey challenges', batches(() => deleteExpiredWebAuthnChallenges(db, SWEEP_BATCH)));
  await job('social flows', batches(() => deleteEndedFlows(db, SWEEP_BATCH)));
  await job('social sign-ups', batches(() => deleteEndedSignups(db, SWEEP_BATCH)));
  await job('failed provider revocations', batches(() => sweepFailedRevocations(db, audit.retentionDays, SWEEP_BATCH)));
  await job('openid provider payloads', batches(() => deleteExpiredOidcPayloads(db, SWEEP_BATCH)));
  return report;
}

/** Arbitrary but fixed: the advisory lock key that lets one instance sweep at a time. */
const SWEEP_LOCK = 727_160_002;

/**
 * Runs `sweep` unless another instance is sweeping: a transaction holds a transaction-scoped
 * advisory lock for the sweep's length (a session lock would not hold behind a transaction
 * pooler) while the sweep's batches run on other connections. It holds no snapshot between
 * its statements, so it keeps nothing from vacuum. PGlite is one process's own database:
 * nobody else sweeps it. Answers whether it swept.
 */
export async function sweepAlone(database: Database, sweep: () => Promise<unknown>): Promise<boolean> {
  if (database.kind === 'pglite') {
    await sweep();
    return true;
  }
  return database.db.transaction(async (tx) => {
    const [row] = (
      (await tx.execute(sql`select pg_try_advisory_xact_lock(${SWEEP_LOCK}) as got`)) as unknown as { rows: { got: boolean }[] }
    ).rows;
    if (!row?.got) return false;
    await sweep();
    return true;
  });
}

const SWEEP_INTERVAL_MS = 10 * 60_000;

/** Sweeps now and then while the app runs, off the request path, one instance at a time. */
export function startSweeping(app: App, ctx: AppContext): void {
  let timer: NodeJS.Timeout | undefined;
  app.addHook('onReady', async () => {
    timer = setInterval(() => {
      const longest = Math.max(ctx.config.ttl.code, ctx.config.ttl.verifyToken);
      const audit = { retentionDays: ctx.config.events.retentionDays, sending: ctx.config.events.webhookUrl !== undefined };
      sweepAlone(ctx.database, async () => {
        await sweepExpired(ctx.db, longest, audit);
        // PGlite runs no autovacuum: the outbox, whose rows come and go, is vacuumed here.
        if (ctx.database.kind === 'pglite') await ctx.db.execute(sql`vacuum event_outbox`);
      }).catch((err: unknown) => ctx.log.warn({ err }, 'sweeping expired rows failed'));
    }, SWEEP_INTERVAL_MS);
    timer.unref();
  });
  app.addHook('onClose', async () => clearInterval(timer));
}

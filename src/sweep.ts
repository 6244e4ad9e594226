import type { AppContext } from './context.js';
import type { Db } from './db/client.js';
import { sweepOldEvents } from './events/outbox.js';
import type { App } from './http/types.js';
import { deleteExpiredChallenges } from './login/challenges.js';
import { sweepFailedRevocations } from './identities/revocations.js';
import { deleteSecondFactorsOfWithdrawn } from './mfa/repository.js';
import { deleteExpiredOidcPayloads } from './oidc-provider/repository.js';
import { deleteExpiredWebAuthnChallenges } from './passkeys/repository.js';
import { deleteOldKeys } from './phone-verify/repository.js';
import { deleteEndedSessions } from './sessions/repository.js';
import { deleteEndedFlows } from './social/flows.js';
import { deleteEndedSignups } from './social/signups.js';
import { deleteClosedCounters } from './throttle/repository.js';

/**
 * Deletes rows nothing can use any more: closed throttle windows, keys and tokens past
 * their lifetimes, sessions that ended long ago, second-step and passkey challenges past
 * their five minutes, the second factors of withdrawn accounts, social sign-in flows and
 * sign-ups past their lifetimes, the OpenID provider's expired grants, codes, tokens and
 * sessions, events past AUDIT_RETENTION_DAYS that are done with (src/events/outbox.ts) and
 * provider revocations that failed that long ago, each by its table's owner. Every
 * instance may run it; the deletes are idempotent.
 */
export async function sweepExpired(
  db: Db,
  longestTokenTtlSeconds: number,
  audit: { retentionDays: number; sending: boolean } = { retentionDays: 365, sending: true },
): Promise<void> {
  await deleteClosedCounters(db);
  await deleteOldKeys(db, longestTokenTtlSeconds);
  await deleteEndedSessions(db);
  await sweepOldEvents(db, audit.retentionDays, audit.sending);
  await deleteExpiredChallenges(db);
  await deleteExpiredWebAuthnChallenges(db);
  await deleteSecondFactorsOfWithdrawn(db);
  await deleteEndedFlows(db);
  await deleteEndedSignups(db);
  await sweepFailedRevocations(db, audit.retentionDays);
  await deleteExpiredOidcPayloads(db);
}

const SWEEP_INTERVAL_MS = 10 * 60_000;

/** Sweeps now and then while the app runs, off the request path. */
export function startSweeping(app: App, ctx: AppContext): void {
  let timer: NodeJS.Timeout | undefined;
  app.addHook('onReady', async () => {
    timer = setInterval(() => {
      const longest = Math.max(ctx.config.ttl.code, ctx.config.ttl.verifyToken);
      const audit = { retentionDays: ctx.config.events.retentionDays, sending: ctx.config.events.webhookUrl !== undefined };
      sweepExpired(ctx.db, longest, audit).catch((err: unknown) => ctx.log.warn({ err }, 'sweeping expired rows failed'));
    }, SWEEP_INTERVAL_MS);
    timer.unref();
  });
  app.addHook('onClose', async () => clearInterval(timer));
}

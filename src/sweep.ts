import type { AppContext } from './context.js';
import type { Db } from './db/client.js';
import type { App } from './http/types.js';
import { deleteExpiredChallenges } from './login/challenges.js';
import { deleteSecondFactorsOfWithdrawn } from './mfa/repository.js';
import { deleteOldKeys } from './phone-verify/repository.js';
import { deleteEndedSessions } from './sessions/repository.js';
import { deleteClosedCounters } from './throttle/repository.js';

/**
 * Deletes rows nothing can use any more: closed throttle windows, keys and tokens past
 * their lifetimes, sessions that ended long ago, second-step challenges past their five
 * minutes and the second factors of withdrawn accounts, each by its table's owner. Every
 * instance may run it; the deletes are idempotent.
 */
export async function sweepExpired(db: Db, longestTokenTtlSeconds: number): Promise<void> {
  await deleteClosedCounters(db);
  await deleteOldKeys(db, longestTokenTtlSeconds);
  await deleteEndedSessions(db);
  await deleteExpiredChallenges(db);
  await deleteSecondFactorsOfWithdrawn(db);
}

const SWEEP_INTERVAL_MS = 10 * 60_000;

/** Sweeps now and then while the app runs, off the request path. */
export function startSweeping(app: App, ctx: AppContext): void {
  let timer: NodeJS.Timeout | undefined;
  app.addHook('onReady', async () => {
    timer = setInterval(() => {
      const longest = Math.max(ctx.config.ttl.code, ctx.config.ttl.verifyToken);
      sweepExpired(ctx.db, longest).catch((err: unknown) => ctx.log.warn({ err }, 'sweeping expired rows failed'));
    }, SWEEP_INTERVAL_MS);
    timer.unref();
  });
  app.addHook('onClose', async () => clearInterval(timer));
}

import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/client.js';
import { retryDelaySeconds } from '../events/delivery.js';
import { claimDueRevocations, failRevocationAttempt, type RevocationRow, settleRevocation } from '../identities/revocations.js';
import { openTokens } from '../identities/sealing.js';
import type { App } from '../http/types.js';
import { TIMEOUT_SECONDS } from './openid.js';
import type { SocialProviders } from './create-providers.js';
import { SocialError } from './provider.js';

/*
 * Undoes links at the providers off the request path (SPEC: from the outbox after the
 * commit, retried like events): claims due rows of provider_revocations, asks each
 * provider, deletes the row once done, or reschedules it with the events' backoff up to
 * EVENTS_MAX_ATTEMPTS, then keeps it as failed (counted in /metrics, swept after
 * AUDIT_RETENTION_DAYS).
 */

const BATCH = 20;
const POLL_MS = 1_000;
/** With no provider configured nothing can succeed; rows left from before still run out their attempts. */
const IDLE_POLL_MS = 60_000;
const LEASE_SECONDS = TIMEOUT_SECONDS + 5;

export interface RevocationObserver {
  attemptFailed(provider: string): void;
}

export interface Revoker {
  /** Looks for due revocations now. */
  wake(): void;
  /** Resolves once the round in flight has settled. */
  stop(): Promise<void>;
}

export function startRevoker(
  deps: { db: Db; secretKey: string; providers: SocialProviders; maxAttempts: number; log: FastifyBaseLogger },
  observer?: RevocationObserver,
): Revoker {
  let stopped = false;
  let again = false;
  let running: Promise<void> | undefined;

  async function attempt(row: RevocationRow): Promise<void> {
    let error: string;
    try {
      const provider = deps.providers.get(row.provider as never);
      if (!provider) throw new SocialError('unavailable', 'provider not configured');
      await provider.revoke({ subject: row.subject, clientId: row.clientId, tokens: openTokens(deps.secretKey, row, row.tokensSealed) });
      await settleRevocation(deps.db, row.id);
      return;
    } catch (err) {
      error = err instanceof SocialError ? err.message : err instanceof Error ? err.name : 'failed';
    }
    observer?.attemptFailed(row.provider);
    const failed = row.attempts >= deps.maxAttempts;
    await failRevocationAttempt(deps.db, row.id, error, failed ? { failed: true } : { retryInSeconds: retryDelaySeconds(row.attempts) });
    if (failed) deps.log.warn({ provider: row.provider, revocation: row.id, attempts: row.attempts, error }, 'provider revocation failed for good; kept as failed');
  }

  async function round(): Promise<void> {
    for (;;) {
      const claimed = await claimDueRevocations(deps.db, BATCH, LEASE_SECONDS);
      await Promise.all(claimed.map(attempt));
      if (claimed.length < BATCH || stopped) return;
    }
  }

  function wake(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = round()
      .catch((err: unknown) => deps.log.warn({ err }, 'provider revocation round failed; retrying shortly'))
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          wake();
        }
      });
  }

  const timer = setInterval(wake, deps.providers.size ? POLL_MS : IDLE_POLL_MS);
  timer.unref();
  wake();
  return {
    wake,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The provider revoker while social login is on (tests wake it). */
    socialRevoker: Revoker | undefined;
  }
}

/** Runs the revoker while the app runs. */
export function revokeWhileRunning(app: App, deps: Parameters<typeof startRevoker>[0], observer?: RevocationObserver): void {
  app.decorate('socialRevoker', undefined);
  app.addHook('onReady', async () => {
    app.socialRevoker = startRevoker(deps, observer);
  });
  app.addHook('onClose', async () => app.socialRevoker?.stop());
}

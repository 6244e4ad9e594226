import { createHmac } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Database, Unlisten } from '../db/client.js';
import type { App } from '../http/types.js';
import { carryLegacyPending, type ClaimedEvent, claimDue, markAttemptFailed, markDelivered, subscribe } from './outbox.js';

/** The channel the outbox's trigger notifies on (src/events/sql/event_to_outbox.sql). */
export const EVENTS_CHANNEL = 'account_events';

/** Delays before the 2nd, 3rd… attempt (SPEC: about 5 s, 30 s, 2 min, 10 min, 30 min, then hourly). */
const BACKOFF_SECONDS = [5, 30, 120, 600, 1800];
export const retryDelaySeconds = (attempts: number) => BACKOFF_SECONDS[attempts - 1] ?? 3600;

/** Events claimed per round: sent in parallel, each within EVENTS_WEBHOOK_TIMEOUT_MS. */
const BATCH = 20;
/** Even when no notification comes (a lost LISTEN connection), due retries are looked for this often. */
const POLL_MS = 1_000;
/** How soon a subscription that could not be written (the database unreachable) is tried again. */
const SUBSCRIBE_RETRY_MS = 5_000;

/** What a receiver gets: the body, and the Standard Webhooks headers that sign it. */
export function signedDelivery(e: Pick<ClaimedEvent, 'id' | 'type' | 'occurredAt' | 'data'>, secret: string, now = new Date()) {
  const body = JSON.stringify({ id: e.id, type: e.type, timestamp: e.occurredAt.toISOString(), data: e.data });
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  const signature = createHmac('sha256', key).update(`${e.id}.${timestamp}.${body}`).digest('base64');
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'webhook-id': e.id,
      'webhook-timestamp': timestamp,
      'webhook-signature': `v1,${signature}`,
    },
  };
}

/** What the sender needs of the EVENTS_* variables (the `events` group of the configuration). */
export interface WebhookSettings {
  webhookUrl?: string | undefined;
  webhookSecret?: string | undefined;
  webhookTypes: readonly string[];
  webhookTimeoutMs: number;
  maxAttempts: number;
}

export interface DeliveryObserver {
  /** Seconds from the event's recording to its 2xx. */
  delivered(seconds: number): void;
  attemptFailed(): void;
}

export interface Sender {
  /** Looks for due events now (tests; a notification does this too). */
  wake(): void;
  /** Stops claiming; resolves once the round in flight has settled its events. */
  stop(): Promise<void>;
}

/**
 * Sends each event to EVENTS_WEBHOOK_URL off the request path: woken by the outbox
 * trigger's NOTIFY, and polling for due retries. At least once: an event is settled only
 * after the receiver's answer, so one claimed by a process that died is claimed again
 * when its lease ends.
 */
export function startSender(
  database: Database,
  config: WebhookSettings & { webhookUrl: string; webhookSecret: string },
  log: FastifyBaseLogger,
  observer?: DeliveryObserver,
): Sender {
  const { db } = database;
  // Past the attempt's timeout and the statement that settles it.
  const leaseSeconds = Math.ceil(config.webhookTimeoutMs / 1000) + 5;
  let stopped = false;
  let again = false;
  let running: Promise<void> | undefined;
  let unlisten: Unlisten | undefined;

  async function attempt(e: ClaimedEvent): Promise<void> {
    const { body, headers } = signedDelivery(e, config.webhookSecret);
    let error: string;
    try {
      const res = await fetch(config.webhookUrl, { method: 'POST', body, headers, signal: AbortSignal.timeout(config.webhookTimeoutMs) });
      await res.body?.cancel().catch(() => {});
      if (res.ok) {
        await markDelivered(db, e.seq);
        observer?.delivered((Date.now() - e.occurredAt.getTime()) / 1000);
        return;
      }
      error = `HTTP ${res.status}`;
    } catch (err) {
      error = err instanceof Error && err.name === 'TimeoutError' ? 'timeout' : 'connection failed';
    }
    observer?.attemptFailed();
    const failed = e.attempts >= config.maxAttempts;
    await markAttemptFailed(db, e.seq, error, failed ? { failed: true } : { retryInSeconds: retryDelaySeconds(e.attempts) });
    if (failed) log.warn({ eventId: e.id, type: e.type, attempts: e.attempts, error }, 'event delivery failed for good; kept as failed');
  }

  let carried = false;
  async function round(): Promise<void> {
    // Once per process: the events pending from before the outbox existed join it.
    while (!carried) carried = (await carryLegacyPending(db, config.webhookTypes, 1000)) < 1000;
    for (;;) {
      const claimed = await claimDue(db, BATCH, leaseSeconds);
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
      .catch((err: unknown) => log.warn({ err }, 'event delivery round failed; retrying shortly'))
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          wake();
        }
      });
  }

  const timer = setInterval(wake, POLL_MS);
  timer.unref();
  // Behind a transaction pooler nothing can listen: the poll above is then the only wake-up.
  database
    .listen?.(EVENTS_CHANNEL, wake, (err) => log.warn({ err }, 'lost the events LISTEN connection; polling meanwhile'))
    .then((u) => {
      if (stopped) void u();
      else unlisten = u;
    })
    .catch((err: unknown) => log.warn({ err }, 'cannot LISTEN for events; polling instead'));
  wake();

  return {
    wake,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await unlisten?.();
      await running;
    },
  };
}

/**
 * Runs the sender while the app runs, when EVENTS_WEBHOOK_URL is set. Before the app is
 * ready it writes what is sent (EVENTS_WEBHOOK_TYPES, or nothing without a URL) where the
 * outbox's trigger reads it, so no event waits for a sender that does not exist.
 */
export function deliverWhileRunning(
  app: App,
  deps: { database: Database; settings: WebhookSettings; log: FastifyBaseLogger },
  observer?: DeliveryObserver,
): void {
  const { webhookUrl, webhookSecret } = deps.settings;
  let sender: Sender | undefined;
  let retry: NodeJS.Timeout | undefined;
  app.addHook('onReady', async () => {
    const sending = webhookUrl !== undefined && webhookSecret !== undefined;
    // The database may be unreachable as the app starts (/readyz says so): the app starts
    // anyway and writes the subscription once it can; nothing is recorded meanwhile.
    const write = (): Promise<void> =>
      subscribe(deps.database.db, sending ? deps.settings.webhookTypes : []).catch((err: unknown) => {
        deps.log.warn({ err }, `writing the webhook subscription failed; trying again in ${SUBSCRIBE_RETRY_MS / 1000} s`);
        retry = setTimeout(() => void write(), SUBSCRIBE_RETRY_MS).unref();
      });
    await write();
    if (sending) sender = startSender(deps.database, { ...deps.settings, webhookUrl, webhookSecret }, deps.log, observer);
  });
  app.addHook('onClose', async () => {
    clearTimeout(retry);
    await sender?.stop();
  });
}

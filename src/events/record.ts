import { randomUUID } from 'node:crypto';
import type { Db } from '../db/client.js';
import { events } from '../db/schema.js';

/** The public shape of a user, as events carry it (`id`, `email`, `name`, `nickname`, `phone_number`). */
export interface EventUser {
  id: number;
  email: string | null;
  name: string | null;
  nickname: string | null;
  phone_number: string | null;
}

/** Each event type and its `data` (SPEC, *Account events*). */
export interface EventData {
  'user.created': { user: EventUser };
  'user.updated': { user: EventUser; changed: string[] };
  'user.password_changed': { user_id: number };
  'user.password_reset': { user_id: number };
  'user.phone_changed': { user_id: number; phone_number: string };
  'user.deactivated': { user_id: number };
  'user.activated': { user_id: number };
  'user.withdrawn': { user_id: number };
  'session.created': { user_id: number; session_id: string; method: 'password' | 'sms_key' | 'mfa' };
  'session.revoked': { user_id: number; session_ids: string[]; reason: string };
  'login.failed': { user_id: number | null; reason: string };
  'mfa.enabled': { user_id: number };
  'mfa.disabled': { user_id: number };
}
export type EventType = keyof EventData;
export const EVENT_TYPES = [
  'user.created',
  'user.updated',
  'user.password_changed',
  'user.password_reset',
  'user.phone_changed',
  'user.deactivated',
  'user.activated',
  'user.withdrawn',
  'session.created',
  'session.revoked',
  'login.failed',
  'mfa.enabled',
  'mfa.disabled',
] as const satisfies readonly EventType[];

/** Who made a change: the user themself, an admin API key, the CLI, or the service. */
export type Actor = 'user' | `admin:${number}` | 'cli' | 'system';

/** Who and from where, as every write path passes it down to the repositories. */
export interface ChangeSource {
  actor: Actor;
  /** The client IP (request.clientIp), when the change came over HTTP. */
  ip?: string | null;
}

/**
 * Records an event. The one way to do it: call it with the transaction (or the statement's
 * database handle) that makes the change, so the event commits exactly when the change does.
 */
export async function recordEvent<T extends EventType>(
  db: Db,
  source: ChangeSource,
  type: T,
  data: EventData[T],
  userId: number | null = 'user_id' in data ? (data as { user_id: number | null }).user_id : (data as { user: EventUser }).user.id,
): Promise<void> {
  await db.insert(events).values({ id: randomUUID(), type, actor: source.actor, ip: source.ip ?? null, userId, data });
}

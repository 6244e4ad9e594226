/**
 * The event catalogue (SPEC, *Account events*): each type and its `data`. Kept free of
 * imports, so the configuration table (read by the process entry before anything loads)
 * can name the types too.
 */

/**
 * The public shape of a user, as events carry it (`id`, `email`, `name`, `nickname`,
 * `phone_number`). The phone number is E.164 (`+821012345678`): events are for machines, and
 * the API's national format depends on PHONE_DEFAULT_REGION. A withdrawal erases every field
 * but the id from the account's earlier events.
 */
export interface EventUser {
  id: number;
  email: string | null;
  name: string | null;
  nickname: string | null;
  phone_number: string | null;
}

/** How a session was opened; `social:kakao` and the like for a social login (src/social/). */
export type SessionMethod = 'password' | 'sms_key' | 'mfa' | 'passkey' | `social:${string}`;

export interface EventData {
  'user.created': { user: EventUser };
  'user.updated': { user: EventUser; changed: string[] };
  'user.password_changed': { user_id: number };
  'user.password_reset': { user_id: number };
  /** `null` once the account was withdrawn. */
  'user.phone_changed': { user_id: number; phone_number: string | null };
  'user.deactivated': { user_id: number };
  'user.activated': { user_id: number };
  'user.withdrawn': { user_id: number };
  'session.created': { user_id: number; session_id: string; method: SessionMethod };
  'session.revoked': { user_id: number; session_ids: string[]; reason: string };
  'login.failed': { user_id: number | null; reason: string };
  'mfa.enabled': { user_id: number };
  'mfa.disabled': { user_id: number };
  'passkey.added': { user_id: number; passkey_id: string };
  'passkey.removed': { user_id: number; passkey_id: string };
  /** A social identity was linked to the account, or unlinked (by its user, or at withdrawal). */
  'identity.linked': { user_id: number; provider: string };
  'identity.unlinked': { user_id: number; provider: string };
  /**
   * A wrong second-factor code: whoever sent it held `first_factor` (`password`, `sms_key`,
   * `social`, or `session` when a signed-in session tried to turn the second factor off). Sent to the
   * webhook by default, so that the owner can be told their password is known.
   */
  'mfa.failed': { user_id: number; first_factor: 'password' | 'sms_key' | 'social' | 'session' };
  /** The user let an app of the OpenID provider sign them in (first-party apps too), or let it have more scopes. */
  'oidc.consent_granted': { user_id: number; client_id: string };
  /** The user took that back (DELETE /users/me/apps/{client_id}): the app's tokens died with it. */
  'oidc.consent_revoked': { user_id: number; client_id: string };
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
  'passkey.added',
  'passkey.removed',
  'identity.linked',
  'identity.unlinked',
  'mfa.failed',
  'oidc.consent_granted',
  'oidc.consent_revoked',
] as const satisfies readonly EventType[];

/** Why sessions were revoked (`session.revoked`'s `reason`); the actor says who did it. */
export type RevokeReason =
  | 'logout'
  | 'logout_all'
  | 'password_changed'
  | 'password_reset'
  | 'phone_changed'
  | 'withdrawn'
  | 'deactivated'
  | 'refresh_reuse'
  | 'operator'
  | 'mfa_enabled';

/** Why a login failed (`login.failed`'s `reason`). */
export type LoginFailure =
  | 'unknown_account'
  | 'wrong_password'
  | 'wrong_key'
  | 'locked'
  | 'wrong_current_password'
  // A passkey sign-in: a credential no account has, one that did not verify, a counter that went backwards.
  | 'passkey_unknown'
  | 'passkey_invalid'
  | 'passkey_counter';

/** Who made a change: the user themself, an admin API key, the CLI, or the service. */
export type Actor = 'user' | `admin:${number}` | 'cli' | 'system';

/** Who and from where, as every write path passes it down to the repositories. */
export interface ChangeSource {
  actor: Actor;
  /** The client IP (request.clientIp), when the change came over HTTP. */
  ip?: string | null;
}

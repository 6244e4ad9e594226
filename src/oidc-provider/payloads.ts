import { and, eq, gt, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { oidcPayloads } from '../db/schema/index.js';
import { preparedOn } from '../db/prepared.js';
import { type ChangeSource, recordEvent } from '../events/record.js';

/*
 * The statements oidc-provider's adapter (adapter.ts) runs on oidc_payloads. Each call is one
 * statement on its own, with no session state, so any instance may serve any step and a
 * transaction pooler may run each on another connection; the one exception, a Grant, records
 * its consent event in the same transaction.
 */

export type Payload = Record<string, unknown>;

const ph = (name: string) => sql.placeholder(name);
const notExpired = or(isNull(oidcPayloads.expiresAt), gt(oidcPayloads.expiresAt, sql`now()`));
const thisRow = and(eq(oidcPayloads.model, ph('model')), eq(oidcPayloads.id, ph('id')));

/** A user id as oidc-provider carries it (a string), or null for anything else. */
export const accountIdOf = (payload: Payload): number | null =>
  typeof payload.accountId === 'string' && /^\d{1,15}$/.test(payload.accountId) ? Number(payload.accountId) : null;
const text = (value: unknown) => (typeof value === 'string' ? value : null);

const upsertStatement = preparedOn((db) =>
  db
    .insert(oidcPayloads)
    .values({
      model: ph('model'),
      id: ph('id'),
      payload: ph('payload'),
      grantId: ph('grantId'),
      uid: ph('uid'),
      accountId: ph('accountId'),
      clientId: ph('clientId'),
      expiresAt: sql`now() + ${ph('ttl')}::integer * interval '1 second'`,
    })
    .onConflictDoUpdate({
      target: [oidcPayloads.model, oidcPayloads.id],
      set: {
        payload: sql`excluded.payload`,
        grantId: sql`excluded.grant_id`,
        uid: sql`excluded.uid`,
        accountId: sql`excluded.account_id`,
        clientId: sql`excluded.client_id`,
        expiresAt: sql`excluded.expires_at`,
      },
    })
    .prepare('oidc_upsert'),
);

const upsertValues = (model: string, id: string, payload: Payload, ttlSeconds: number | undefined) => ({
  model,
  id,
  payload,
  grantId: text(payload.grantId),
  uid: text(payload.uid),
  accountId: accountIdOf(payload),
  clientId: text(payload.clientId),
  ttl: ttlSeconds ?? null,
});

export async function upsertPayload(db: Db, model: string, id: string, payload: Payload, ttlSeconds?: number): Promise<void> {
  await upsertStatement(db).execute(upsertValues(model, id, payload, ttlSeconds));
}

/**
 * A Grant, and `oidc.consent_granted` when it is new or its scopes grew: every grant is a
 * consent (given on the consent page, or implied by signing in to a first-party app).
 */
export async function upsertGrant(db: Db, source: ChangeSource, id: string, payload: Payload, ttlSeconds?: number): Promise<void> {
  const scopes = (p: Payload | undefined) => new Set(String((p?.openid as { scope?: unknown } | undefined)?.scope ?? '').split(' ').filter(Boolean));
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select({ payload: oidcPayloads.payload })
      .from(oidcPayloads)
      .where(and(eq(oidcPayloads.model, 'Grant'), eq(oidcPayloads.id, id)))
      .for('update');
    const { ttl: _ttl, ...row } = upsertValues('Grant', id, payload, ttlSeconds);
    const expiresAt = sql`now() + ${ttlSeconds ?? null}::integer * interval '1 second'`;
    await tx
      .insert(oidcPayloads)
      .values({ ...row, expiresAt })
      .onConflictDoUpdate({ target: [oidcPayloads.model, oidcPayloads.id], set: { payload, expiresAt } });
    const had = scopes(before?.payload);
    const userId = accountIdOf(payload);
    const clientId = text(payload.clientId);
    const grew = !before || [...scopes(payload)].some((s) => !had.has(s));
    if (grew && userId !== null && clientId !== null) {
      await recordEvent(tx, source, 'oidc.consent_granted', { user_id: userId, client_id: clientId });
    }
  });
}

const findStatement = preparedOn((db) =>
  db
    .select({
      payload: oidcPayloads.payload,
      consumed: sql<string | null>`extract(epoch from ${oidcPayloads.consumedAt})::bigint::text`,
      recently: sql<boolean>`coalesce(${oidcPayloads.consumedAt} > now() - ${ph('reuse')}::integer * interval '1 second', false)`,
    })
    .from(oidcPayloads)
    .where(and(thisRow, notExpired))
    .prepare('oidc_find'),
);

/** The payload, with when it was consumed (epoch seconds) and whether that was within `reuseSeconds`. */
export async function findPayload(db: Db, model: string, id: string, reuseSeconds: number) {
  const [row] = await findStatement(db).execute({ model, id, reuse: reuseSeconds });
  return row && { payload: row.payload, consumed: row.consumed === null ? undefined : Number(row.consumed), recently: row.recently };
}

const findByUidStatement = preparedOn((db) =>
  db
    .select({ payload: oidcPayloads.payload })
    .from(oidcPayloads)
    .where(and(eq(oidcPayloads.model, ph('model')), eq(oidcPayloads.uid, ph('uid')), notExpired))
    .limit(1)
    .prepare('oidc_find_by_uid'),
);

export async function findPayloadByUid(db: Db, model: string, uid: string): Promise<Payload | undefined> {
  const [row] = await findByUidStatement(db).execute({ model, uid });
  return row?.payload;
}

const consumeStatement = preparedOn((db) =>
  db
    .update(oidcPayloads)
    .set({ consumedAt: sql`coalesce(${oidcPayloads.consumedAt}, now())` })
    .where(
      and(
        thisRow,
        or(
          isNull(oidcPayloads.consumedAt),
          sql`${ph('model')} = 'RefreshToken' and ${oidcPayloads.consumedAt} > now() - ${ph('reuse')}::integer * interval '1 second'`,
        ),
      ),
    )
    .returning({ grantId: oidcPayloads.grantId })
    .prepare('oidc_consume'),
);

/**
 * Marks a code or refresh token used, atomically: false when another request used it first
 * (a refresh token within `reuseSeconds` of its first use still counts as unused, and keeps
 * the time of that first use, so using it again never stretches the window).
 */
export async function consumePayload(db: Db, model: string, id: string, reuseSeconds: number): Promise<boolean> {
  return (await consumeStatement(db).execute({ model, id, reuse: reuseSeconds })).length > 0;
}

const destroyStatement = preparedOn((db) => db.delete(oidcPayloads).where(thisRow).prepare('oidc_destroy'));

export async function destroyPayload(db: Db, model: string, id: string): Promise<void> {
  await destroyStatement(db).execute({ model, id });
}

const revokeStatement = preparedOn((db) =>
  db
    .delete(oidcPayloads)
    .where(and(eq(oidcPayloads.model, ph('model')), eq(oidcPayloads.grantId, ph('grantId'))))
    .prepare('oidc_revoke_by_grant'),
);

export async function revokePayloadsOfGrant(db: Db, model: string, grantId: string): Promise<void> {
  await revokeStatement(db).execute({ model, grantId });
}

/** A grant caught in reuse: the grant and every code and token issued under it, in one statement. */
export async function revokeGrant(db: Db, grantId: string): Promise<void> {
  await db
    .delete(oidcPayloads)
    .where(or(eq(oidcPayloads.grantId, grantId), and(eq(oidcPayloads.model, 'Grant'), eq(oidcPayloads.id, grantId))));
}

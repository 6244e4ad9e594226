import { and, eq, gt, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { deleteBatch } from '../db/delete-batch.js';
import { oauthFlows } from '../db/schema/index.js';

/*
 * The oauth_flows table: one browser flow each, found only by HMACs of its state and of its
 * result. Each is used once, by an UPDATE that only the first of racing requests matches.
 */

export const FLOW_TTL_SECONDS = 600;
export const RESULT_TTL_SECONDS = 60;

export async function insertFlow(
  db: Db,
  f: { stateHash: string; provider: string; redirectTo: string; callerChallenge: string; secretsSealed: string },
): Promise<void> {
  await db.insert(oauthFlows).values({ ...f, expiresAt: sql`now() + ${FLOW_TTL_SECONDS} * interval '1 second'` });
}

/** Uses the state of a live flow of `provider` once; a state made for another provider is no state here (mix-up). */
export async function useFlowState(db: Db, stateHash: string, provider: string) {
  const [row] = await db
    .update(oauthFlows)
    .set({ usedAt: sql`now()` })
    .where(
      and(eq(oauthFlows.stateHash, stateHash), eq(oauthFlows.provider, provider), isNull(oauthFlows.usedAt), gt(oauthFlows.expiresAt, sql`now()`)),
    )
    .returning({ redirectTo: oauthFlows.redirectTo, secretsSealed: oauthFlows.secretsSealed });
  return row;
}

/** The callback's verified identity, under a result usable once within RESULT_TTL_SECONDS. */
export async function saveResult(db: Db, stateHash: string, r: { resultHash: string; identitySealed: string }): Promise<void> {
  await db
    .update(oauthFlows)
    .set({ ...r, resultExpiresAt: sql`now() + ${RESULT_TTL_SECONDS} * interval '1 second'` })
    .where(eq(oauthFlows.stateHash, stateHash));
}

/** Uses a live result once, whatever comes of it (a wrong verifier burns it too), and forgets the identity it held. */
export async function useResult(db: Db, resultHash: string): Promise<{ provider: string; callerChallenge: string; identitySealed: string } | undefined> {
  const result = await db.execute(sql`
    update ${oauthFlows} set result_used_at = now(), identity_sealed = null
    from (select state_hash, identity_sealed from ${oauthFlows}
          where result_hash = ${resultHash} and result_used_at is null and result_expires_at > now() for update) as old
    where ${oauthFlows.stateHash} = old.state_hash
    returning ${oauthFlows.provider} as provider, ${oauthFlows.callerChallenge} as caller_challenge, old.identity_sealed as identity_sealed`);
  const [row] = (result as unknown as { rows: { provider: string; caller_challenge: string; identity_sealed: string | null }[] }).rows;
  return row?.identity_sealed ? { provider: row.provider, callerChallenge: row.caller_challenge, identitySealed: row.identity_sealed } : undefined;
}

/** The sweep: up to `limit` flows whose state and result are both past their lifetimes (oauth_flows_expires_idx); answers how many. */
export async function deleteEndedFlows(db: Db, limit: number): Promise<number> {
  const ended = and(lt(oauthFlows.expiresAt, sql`now()`), or(isNull(oauthFlows.resultExpiresAt), lt(oauthFlows.resultExpiresAt, sql`now()`), isNotNull(oauthFlows.resultUsedAt)))!;
  return deleteBatch(db, oauthFlows, ended, sql`${oauthFlows.expiresAt}`, limit);
}

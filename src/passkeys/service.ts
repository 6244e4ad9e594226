import { randomUUID } from 'node:crypto';
import type { AuthenticatorTransportFuture, RegistrationResponseJSON } from '@simplewebauthn/server';
import type { AppContext } from '../context.js';
import type { PasskeyRow } from '../db/schema/index.js';
import type { ChangeSource } from '../events/record.js';
import { ApiError, ValidationError } from '../http/errors.js';
import type { Lang } from '../http/messages.js';
import { formatPhoneNumber } from '../phone/phone-number.js';
import { checkCurrentPassword, oneProof, type OwnerProof, spendOwnPhoneToken } from '../proof/owner.js';
import type { Account } from '../sessions/guard.js';
import * as repo from './repository.js';
import { ALGORITHMS, CEREMONY_SECONDS, webauthn, webauthnSettings } from './settings.js';

/*
 * The signed-in user's passkeys: adding one (a fresh proof first, so that a stolen access
 * token cannot plant a permanent key to the account), listing, renaming and removing them.
 */

/** What the library says went wrong, for the log: its code or the error's name, never its message (it quotes the expected values). */
export const refusalOf = (err: unknown) => (err as { code?: unknown }).code ?? (err instanceof Error ? err.name : 'refused');

/**
 * The creation options for a new passkey, after the proof that the owner is asking: the
 * password (counted as a login attempt is) or a verification token for the account's
 * phone, spent in the transaction that stores the challenge. The challenge is bound to this
 * account and this session, used once, alive CEREMONY_SECONDS.
 */
export async function registrationOptions(ctx: AppContext, account: Account, proof: OwnerProof, ip: string) {
  const { user } = account;
  oneProof(proof, 'passkey_proof');
  if (proof.password !== undefined) await checkCurrentPassword(ctx, user, proof.password, 'password', ip);
  const s = webauthnSettings(ctx.config);
  const [{ generateRegistrationOptions }, handle, existing] = await Promise.all([
    webauthn(),
    repo.userHandle(ctx.db, user.id),
    repo.credentialsOf(ctx.db, user.id),
  ]);
  const options = await generateRegistrationOptions({
    rpName: s.rpName,
    rpID: s.rpId,
    userID: new Uint8Array(handle),
    userName: user.email ?? (user.phoneNumber ? formatPhoneNumber(user.phoneNumber, ctx.config.phone) : String(user.id)),
    userDisplayName: user.name ?? user.nickname ?? '',
    attestationType: 'none',
    excludeCredentials: existing.map((c) => ({ id: c.id, transports: c.transports as AuthenticatorTransportFuture[] })),
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
    supportedAlgorithmIDs: ALGORITHMS,
    timeout: CEREMONY_SECONDS * 1000,
  });
  await ctx.db.transaction(async (tx) => {
    if (proof.token !== undefined) await spendOwnPhoneToken(ctx, tx, user, proof.token);
    await repo.storeChallenge(tx, { id: randomUUID(), purpose: 'register', challenge: options.challenge, userId: user.id, sessionId: account.sessionId });
  });
  return options;
}

/** `Passkey 2026-12-05`: a name the user may change, until they do. */
const defaultName = (lang: Lang) => `${lang === 'en' ? 'Passkey' : '패스키'} ${new Date().toISOString().slice(0, 10)}`;

/**
 * Verifies a registration response against a live challenge of this account and session
 * (used up as it is read, so it counts once even when a later check fails) and stores the
 * passkey with its `passkey.added`. Any refusal is a 400 on `response`, and changes nothing.
 */
export async function addPasskey(
  ctx: AppContext,
  account: Account,
  input: { response: RegistrationResponseJSON; name?: string | null | undefined },
  source: ChangeSource,
  lang: Lang,
): Promise<PasskeyRow> {
  const s = webauthnSettings(ctx.config);
  const { verifyRegistrationResponse } = await webauthn();
  const { decodeCredentialPublicKey, cose } = await import('@simplewebauthn/server/helpers');
  const seen: { challenge?: 'live' | 'gone'; databaseError?: unknown } = {};
  const consume = async (c: unknown) => {
    if (typeof c !== 'string' || c.length > 512) return false;
    try {
      const live = await repo.consumeRegistrationChallenge(ctx.db, { challenge: c, userId: account.user.id, sessionId: account.sessionId });
      seen.challenge = live ? 'live' : 'gone';
      return live;
    } catch (err) {
      seen.databaseError = err;
      throw err;
    }
  };
  let verified;
  try {
    verified = await verifyRegistrationResponse({
      response: { ...input.response, clientExtensionResults: input.response.clientExtensionResults ?? {} },
      expectedChallenge: consume,
      expectedOrigin: s.origins,
      expectedRPID: s.rpId,
      requireUserVerification: true,
      supportedAlgorithmIDs: ALGORITHMS,
    });
  } catch (err) {
    if (seen.databaseError) throw seen.databaseError;
    ctx.log.info({ userId: account.user.id, refusal: refusalOf(err) }, 'passkey registration refused');
  }
  if (!verified?.verified) {
    throw ValidationError.field('response', seen.challenge === 'gone' ? 'passkey_registration_expired' : 'passkey_not_verified');
  }
  const info = verified.registrationInfo;
  const algorithm = decodeCredentialPublicKey(info.credential.publicKey).get(cose.COSEKEYS.alg);
  const added = await ctx.db.transaction((tx) =>
    repo.addPasskey(tx, source, {
      userId: account.user.id,
      credentialId: info.credential.id,
      publicKey: info.credential.publicKey,
      algorithm: Number(algorithm),
      signCount: info.credential.counter,
      transports: (info.credential.transports ?? []).slice(0, 16),
      backupEligible: info.credentialDeviceType === 'multiDevice',
      backedUp: info.credentialBackedUp,
      aaguid: info.aaguid,
      name: input.name ?? defaultName(lang),
    }),
  );
  if (!added) throw ValidationError.field('response', 'passkey_taken');
  return added;
}

export const listPasskeys = (ctx: AppContext, userId: number) => repo.passkeysOf(ctx.db, userId);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const notFound = () => new ApiError('not_found');

/** A new name (trimmed by the field stage; none is a 400) for one of the user's passkeys; another's is a 404. */
export async function renamePasskey(ctx: AppContext, userId: number, id: string, name: string | null): Promise<PasskeyRow> {
  if (name === null) throw ValidationError.field('name', 'blank');
  const row = UUID.test(id) ? await repo.renamePasskey(ctx.db, userId, id, name) : undefined;
  if (!row) throw notFound();
  return row;
}

/** Removes one of the user's passkeys with its `passkey.removed`; another's is a 404. SMS-key login remains either way. */
export async function removePasskey(ctx: AppContext, userId: number, id: string, source: ChangeSource): Promise<void> {
  const removed = UUID.test(id) && (await ctx.db.transaction((tx) => repo.removePasskey(tx, source, userId, id)));
  if (!removed) throw notFound();
}

/** A passkey as the API answers it. */
export const passkeyShape = (p: PasskeyRow) => ({
  id: p.id,
  name: p.name,
  created_at: p.createdAt.toISOString(),
  last_used_at: p.lastUsedAt?.toISOString() ?? null,
  backed_up: p.backedUp,
});

import { randomUUID } from 'node:crypto';
import type { AuthenticationResponseJSON, AuthenticatorTransportFuture, PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import type { AppContext } from '../context.js';
import type { Db } from '../db/client.js';
import type { PasskeyRow } from '../db/schema/index.js';
import * as repo from './repository.js';
import { refusalOf } from './service.js';
import { base64url, CEREMONY_SECONDS, webauthn, webauthnSettings } from './settings.js';

/*
 * Using a passkey: the request options of a ceremony, and the checks of its answer, for the
 * sign-in without an identifier and for the second step of a login (src/login/). User
 * verification is required: a passkey so used is two factors in one.
 */

/** Request options naming `allow` (none: any discoverable passkey of this RP ID). */
async function requestOptions(ctx: AppContext, allow: { id: string; transports: string[] }[]): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const { generateAuthenticationOptions } = await webauthn();
  const options = await generateAuthenticationOptions({
    rpID: webauthnSettings(ctx.config).rpId,
    allowCredentials: allow.map((c) => ({ id: c.id, transports: c.transports as AuthenticatorTransportFuture[] })),
    userVerification: 'required',
    timeout: CEREMONY_SECONDS * 1000,
  });
  return { ...options, allowCredentials: options.allowCredentials ?? [] };
}

/** A sign-in without an identifier: options for any discoverable passkey, and the id of its stored challenge. */
export async function signInOptions(ctx: AppContext) {
  const options = await requestOptions(ctx, []);
  const id = randomUUID();
  await repo.storeChallenge(ctx.db, { id, purpose: 'login', challenge: options.challenge });
  return { challenge_id: id, options };
}

/**
 * The second step's options, naming the user's passkeys; undefined when they have none. The
 * caller keeps the challenge. `db` may be the caller's transaction.
 */
export async function secondStepOptions(ctx: AppContext, db: Db, userId: number): Promise<PublicKeyCredentialRequestOptionsJSON | undefined> {
  const allow = await repo.credentialsOf(db, userId);
  return allow.length ? requestOptions(ctx, allow) : undefined;
}

export type FoundPasskey = PasskeyRow & { handle: Uint8Array | null; account: { email: string | null; phoneNumber: string | null } };

/** The passkey an assertion names, if an active account has it. */
export async function passkeyOf(ctx: AppContext, response: AuthenticationResponseJSON): Promise<FoundPasskey | undefined> {
  return repo.findByCredential(ctx.db, response.id);
}

/** What a verified assertion reported: its signature counter and whether the passkey is backed up. */
export interface Use {
  counter: number;
  backedUp: boolean;
}

/**
 * Checks an assertion of `passkey` against the challenge the service gave: type, challenge,
 * origin, RP ID, user presence and verification, and the signature. The library is told the
 * stored counter is 0, so its own counter check (which runs before the signature and would
 * let anyone with a credential id raise false alarms) never refuses; {@link takeUse} checks
 * it after. The user handle, when the authenticator sent one, must be the passkey's
 * account's. Undefined for any refusal (logged by its kind, never by its message).
 */
export async function checkAssertion(
  ctx: AppContext,
  passkey: FoundPasskey,
  response: AuthenticationResponseJSON,
  expectedChallenge: string,
): Promise<Use | undefined> {
  const s = webauthnSettings(ctx.config);
  const { verifyAuthenticationResponse } = await webauthn();
  const handle = response.response.userHandle;
  if (handle !== undefined && (!passkey.handle || handle !== base64url(passkey.handle))) {
    ctx.log.info({ passkeyId: passkey.id, refusal: 'user_handle' }, 'passkey assertion refused');
    return undefined;
  }
  try {
    const v = await verifyAuthenticationResponse({
      response: { ...response, clientExtensionResults: response.clientExtensionResults ?? {} },
      expectedChallenge,
      expectedOrigin: s.origins,
      expectedRPID: s.rpId,
      credential: {
        id: passkey.credentialId,
        publicKey: new Uint8Array(passkey.publicKey),
        counter: 0,
        transports: passkey.transports as AuthenticatorTransportFuture[],
      },
      requireUserVerification: true,
    });
    if (v.verified && v.authenticationInfo.userVerified) return { counter: v.authenticationInfo.newCounter, backedUp: v.authenticationInfo.credentialBackedUp };
    ctx.log.info({ passkeyId: passkey.id, refusal: 'bad_signature' }, 'passkey assertion refused');
  } catch (err) {
    ctx.log.info({ passkeyId: passkey.id, refusal: refusalOf(err) }, 'passkey assertion refused');
  }
  return undefined;
}

/**
 * Takes a verified assertion's counter (in `db`, the caller's transaction if it has one): it
 * must go up, or stay 0. False when it went backwards or repeated, which is logged: two
 * authenticators hold the same key, one of them a clone.
 */
export async function takeUse(ctx: AppContext, db: Db, passkey: FoundPasskey, use: Use): Promise<boolean> {
  const taken = await repo.takeCounter(db, { id: passkey.id, userId: passkey.userId, ...use });
  if (!taken) {
    ctx.log.warn(
      { passkeyId: passkey.id, userId: passkey.userId, stored: passkey.signCount, reported: use.counter },
      'passkey signature counter went backwards: possible cloned authenticator',
    );
  }
  return taken;
}

import type { Account, Configuration, Grant, KoaContextWithOIDC } from 'oidc-provider';
import type { Db } from '../db/client.js';
import { findById } from '../users/repository.js';
import type { OidcLibrary } from './library.js';
import { boundSessionLive, findGrantId } from './repository.js';

/*
 * Who signs in and what the apps learn of them: the account behind a `sub`, the claims of
 * each scope, the grants that spare a consent screen, and the sign-in check the service adds.
 */

/** The library's Session, as far as its per-client entries go (`value` makes one when missing). */
interface AuthorizationsOf {
  authorizationFor(clientId: string, value: unknown): { persistsLogout?: boolean };
}

/** The user id as the service's own tokens carry it, or undefined for anything else. */
const userIdOf = (sub: string | undefined) => (sub !== undefined && /^\d{1,15}$/.test(sub) ? Number(sub) : undefined);

/** Whether `sub` names an account that may still sign in (not deactivated, not withdrawn). */
export async function accountActive(db: Db, sub: string): Promise<boolean> {
  const id = userIdOf(sub);
  return id !== undefined && Boolean((await findById(db, id))?.isActive);
}

/**
 * `sub` is the user id as a string. An inactive or withdrawn account is no account: its
 * refresh tokens and userinfo are refused at once. The library keeps to each token's scopes.
 */
export function findAccount(db: Db): NonNullable<Configuration['findAccount']> {
  return async (_ctx, sub): Promise<Account | undefined> => {
    const id = userIdOf(sub);
    const user = id === undefined ? undefined : await findById(db, id);
    if (!user?.isActive) return undefined;
    return {
      accountId: sub,
      claims: () => ({
        sub,
        name: user.name ?? undefined,
        nickname: user.nickname ?? undefined,
        email: user.email ?? undefined,
        // The service never proves that a user owns their email address.
        email_verified: false,
        phone_number: user.phoneNumber ?? undefined,
        // Every phone number was verified by an SMS key before it was stored.
        phone_number_verified: user.phoneNumber ? true : undefined,
      }),
    };
  };
}

/**
 * The grant that answers an authorization request without a consent screen: the one just
 * consented to, this browser's, or one the user gave the app in another browser. A
 * first-party app is granted what it asks for, silently (its consent is implied).
 */
export function loadExistingGrant(db: Db): NonNullable<Configuration['loadExistingGrant']> {
  return async (ctx: KoaContextWithOIDC): Promise<Grant | undefined> => {
    const { oidc } = ctx;
    const client = oidc.client!;
    const accountId = oidc.session!.accountId;
    const userId = userIdOf(accountId);
    if (userId === undefined) return undefined;
    const grantId =
      oidc.result?.consent?.grantId ?? oidc.session!.grantIdFor(client.clientId) ?? (await findGrantId(db, userId, client.clientId));
    let grant = grantId ? await oidc.provider.Grant.find(grantId) : undefined;
    if (grant && (grant.accountId !== accountId || grant.clientId !== client.clientId)) grant = undefined;
    // Consent outlives a logout (the library would revoke the grant with the session): the
    // tokens tied to the session die with it anyway, and the user took nothing back.
    (oidc.session as unknown as AuthorizationsOf).authorizationFor(client.clientId, true).persistsLogout = true;
    if (!(client as unknown as { firstParty?: boolean }).firstParty) return grant;
    const isNew = !grant;
    grant ??= new oidc.provider.Grant({ accountId, clientId: client.clientId });
    const had = grant.getOIDCScope().split(' ');
    const missing = [...oidc.requestParamOIDCScopes].filter((scope) => !had.includes(scope));
    if (missing.length || isNew) {
      grant.addOIDCScope(missing.join(' '));
      await grant.save();
    }
    return grant;
  };
}

/**
 * oidc-provider's interaction policy, with one more reason to sign in again: the service
 * session the user signed in with on the account pages has ended (logged out there, logged
 * out everywhere, a password reset, a withdrawal), so single sign-on ends with it.
 */
export function interactionPolicy(library: OidcLibrary, db: Db) {
  const { base, Check } = library.interactionPolicy;
  const policy = base();
  policy.get('login')!.checks.add(
    new Check('service_session_ended', 'the service session this sign-in came from has ended', async (ctx) => {
      const { session, result } = ctx.oidc;
      const userId = userIdOf(session?.accountId);
      // No sign-in yet (`no_session` asks), or one just made on the pages (tied to its session afterwards).
      if (userId === undefined || result?.login) return Check.NO_NEED_TO_PROMPT;
      return (await boundSessionLive(db, session!.uid, userId)) ? Check.NO_NEED_TO_PROMPT : Check.REQUEST_PROMPT;
    }),
  );
  return policy;
}

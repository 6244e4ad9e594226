import type { AppContext } from '../context.js';
import type { UserRow } from '../db/schema/index.js';
import { normalizeEmail } from '../email/address.js';
import { unauthorized, ValidationError } from '../http/errors.js';
import type { E164, EmailAddress } from '../http/parsed.js';
import { sealPendingLink } from '../identities/pending.js';
import { type LinkRefusal, linkIdentity, linkRefusalOf } from '../identities/repository.js';
import { openIdentity } from '../identities/sealing.js';
import { budgetsToClear } from '../throttle/account-budget.js';
import { openLoginSession, secondStepChallenge, type SecondStepChallenge } from '../login/service.js';
import { totpEnabled } from '../mfa/repository.js';
import { consumeVerificationToken, verificationTokenUsable } from '../phone-verify/service.js';
import * as users from '../users/repository.js';
import { profileText } from '../users/profile.js';
import { takenError } from '../users/service.js';
import { type Client, countSocialAttempt, socialTokenHash } from './answer.js';
import { findSignup, useSignup } from './signups.js';
import { providerOf, type SocialDeps } from './service.js';
import type { VerifiedIdentity } from './provider.js';

/*
 * POST /users/social: a new identity finishes with a phone verification. Every account
 * keeps a verified phone; the SMS proof is also what links an identity to the account that
 * holds the phone, as SMS-key login accepts it. Never an email: an identity whose email an
 * account has is a new identity like any other (account pre-hijacking).
 */

export interface SocialSignUpInput {
  social_token: string;
  phone_number: E164;
  token: string;
  email?: EmailAddress | undefined;
  name?: string | null | undefined;
  nickname?: string | null | undefined;
}

type Tokens = { access_token: string; refresh_token: string };
export type SocialSignUpAnswer =
  | { status: 201 | 200; user: UserRow; tokens: Tokens }
  | { status: 202; mfa: SecondStepChallenge };

const refusal = (why: LinkRefusal) =>
  why === 'account_gone' ? unauthorized('no_active_account') : new ValidationError({ non_field_errors: [{ code: why }] });

/** What the provider said, where the service may use it: an email it marks verified (well formed), names without control characters. */
function fromProvider(identity: VerifiedIdentity) {
  const safe = <T>(f: () => T) => {
    try {
      return f();
    } catch {
      return null;
    }
  };
  return {
    email: identity.emailVerified && identity.email ? safe(() => normalizeEmail(identity.email!)) : null,
    name: safe(() => profileText(identity.name, 'name')),
    nickname: safe(() => profileText(identity.nickname, 'nickname')),
  };
}

export async function finishSocialSignUp(d: SocialDeps, input: SocialSignUpInput, client: Client): Promise<SocialSignUpAnswer> {
  const { ctx } = d;
  const phone = input.phone_number;
  // Nothing is used up unless both tokens are good and the account can be written.
  if (!(await verificationTokenUsable(ctx, { phone, token: input.token }))) throw unauthorized('invalid_verify_token');
  const tokenHash = socialTokenHash(ctx, input.social_token);
  const sealed = await findSignup(ctx.db, tokenHash);
  if (!sealed) throw unauthorized('social_signup_token_invalid');
  const identity = openIdentity(ctx.config.secretKey, sealed, `social-signup:${tokenHash}`);
  providerOf(d, identity.provider);
  const bucket = await countSocialAttempt(ctx, client.ip);
  const owner = await users.findByPhone(ctx.db, phone);
  if (owner && !owner.isActive) throw ValidationError.field('phone_number', 'phone_taken');
  return owner ? linkToOwner(ctx, { tokenHash, phone, input, identity, owner, client, bucket }) : newAccount(ctx, { tokenHash, phone, input, identity, client, bucket });
}

interface Step {
  tokenHash: string;
  phone: E164;
  input: SocialSignUpInput;
  identity: VerifiedIdentity;
  client: Client;
  bucket: string;
}

const spendTokens = async (ctx: AppContext, tx: Parameters<typeof consumeVerificationToken>[1], s: Step) => {
  if (!(await useSignup(tx, s.tokenHash))) throw unauthorized('social_signup_token_invalid');
  if (!(await consumeVerificationToken(ctx, tx, { phone: s.phone, token: s.input.token }))) throw unauthorized('invalid_verify_token');
};

/** The phone belongs to no account: a new one, without a password, its email the provider's verified one if free, else the body's. */
async function newAccount(ctx: AppContext, s: Step): Promise<SocialSignUpAnswer> {
  const said = fromProvider(s.identity);
  const free = said.email !== null && !(await users.takenFields(ctx.db, { email: said.email })).email;
  const email = free ? said.email! : s.input.email;
  if (email === undefined) throw ValidationError.field('email', 'required');
  const taken = await users.takenFields(ctx.db, { email, phone: s.phone });
  if (taken.email) throw ValidationError.field('email', 'email_taken');
  if (taken.phone) throw ValidationError.field('phone_number', 'phone_taken');
  const source = { actor: 'user', ip: s.client.ip } as const;
  let user: UserRow;
  try {
    user = await ctx.db.transaction(async (tx) => {
      await spendTokens(ctx, tx, s);
      const row = await users.insertUser(tx, source, {
        email,
        phoneNumber: s.phone,
        passwordHash: null,
        name: s.input.name !== undefined ? s.input.name : said.name,
        nickname: s.input.nickname !== undefined ? s.input.nickname : said.nickname,
      });
      const refused = await linkIdentity(tx, source, ctx.config.secretKey, row.id, s.identity);
      if (refused) throw refusal(refused);
      return row;
    });
  } catch (err) {
    if (err instanceof users.AccountTaken) throw takenError(err);
    throw err;
  }
  const tokens = await openLoginSession(ctx, { userId: user.id, client: s.client, clear: { bucket: s.bucket }, method: `social:${s.identity.provider}` });
  return { status: 201, user, tokens };
}

/** The phone is an account's: the SMS proof links the identity to it, after its second step if it has one. */
async function linkToOwner(ctx: AppContext, s: Step & { owner: UserRow }): Promise<SocialSignUpAnswer> {
  const { owner } = s;
  const source = { actor: 'user', ip: s.client.ip } as const;
  const before = await linkRefusalOf(ctx.db, owner.id, s.identity);
  if (before) throw refusal(before);
  if (await totpEnabled(ctx.db, owner.id)) {
    const mfa = await ctx.db.transaction(async (tx) => {
      await spendTokens(ctx, tx, s);
      // The phone is proven, as by an SMS key: the second step treats it so.
      return secondStepChallenge(ctx, tx, {
        userId: owner.id,
        method: 'sms_key',
        client: s.client,
        clearBucket: s.bucket,
        pendingLink: (tokenHash) => sealPendingLink(ctx.config.secretKey, s.identity, tokenHash),
      });
    });
    return { status: 202, mfa };
  }
  await ctx.db.transaction(async (tx) => {
    await spendTokens(ctx, tx, s);
    const refused = await linkIdentity(tx, source, ctx.config.secretKey, owner.id, s.identity);
    if (refused) throw refusal(refused);
  });
  const tokens = await openLoginSession(ctx, {
    userId: owner.id,
    client: s.client,
    // The phone is proven, as by an SMS key: its account's failure budgets are forgotten.
    clear: { bucket: s.bucket, budgets: budgetsToClear(ctx, owner) },
    method: `social:${s.identity.provider}`,
  });
  return { status: 200, user: owner, tokens };
}

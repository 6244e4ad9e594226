import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/server';
import { expect } from 'vitest';
import { bearer, PASSWORD } from '../helpers.js';
import type { HttpClient } from '../http-client.js';
import { type AssertOptions, type CreateOptions, createCredential, getAssertion, type SoftCredential } from './soft-authenticator.js';

/** Where the API tests say the service is reached: the RP ID `accounts.example.com`, its one origin. */
export const ORIGIN = 'https://accounts.example.com';
export const PASSKEY_ENV = { PUBLIC_URL: ORIGIN };

/** The creation options for a new passkey, proven by the password. */
export async function creationOptions(t: HttpClient, access: string, proof: object = { password: PASSWORD }) {
  const res = await t.post('/users/me/passkeys/options', proof, bearer(access));
  expect(res.status, res.text).toBe(200);
  return res.body as PublicKeyCredentialCreationOptionsJSON;
}

/**
 * A passkey made by the software authenticator for these options and sent as a browser
 * would: the answer, and the credential that signs its later assertions.
 */
export async function register(
  t: HttpClient,
  access: string,
  opts: CreateOptions & { origin?: string; name?: string; options?: PublicKeyCredentialCreationOptionsJSON } = {},
) {
  const options = opts.options ?? (await creationOptions(t, access));
  const { response, credential } = createCredential(options, opts.origin ?? ORIGIN, opts);
  const res = await t.post('/users/me/passkeys', { response, ...(opts.name === undefined ? {} : { name: opts.name }) }, bearer(access));
  return { res, credential, response };
}

/** register, which must succeed. */
export async function addPasskey(t: HttpClient, access: string, opts: CreateOptions = {}): Promise<{ credential: SoftCredential; id: string }> {
  const { res, credential } = await register(t, access, opts);
  expect(res.status, res.text).toBe(201);
  return { credential, id: res.body.id as string };
}

/** A sign-in's options and the assertion `credential` makes for them. */
export async function signInOptions(t: HttpClient) {
  const res = await t.post('/login/passkey/options');
  expect(res.status, res.text).toBe(200);
  return res.body as { challenge_id: string; options: PublicKeyCredentialRequestOptionsJSON };
}

/** POST /login/passkey with an assertion of `credential` for fresh options. */
export async function signIn(t: HttpClient, credential: SoftCredential, opts: AssertOptions & { origin?: string } = {}) {
  const { challenge_id, options } = await signInOptions(t);
  const response = getAssertion(options, opts.origin ?? ORIGIN, credential, opts);
  return { res: await t.post('/login/passkey', { challenge_id, response }), challenge_id, response };
}

/** An assertion with one part changed, as an attacker would send it. */
export function tampered(response: AuthenticationResponseJSON, change: Partial<AuthenticationResponseJSON['response']>): AuthenticationResponseJSON {
  return { ...response, response: { ...response.response, ...change } };
}

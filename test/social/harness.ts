import { createHash, randomBytes } from 'node:crypto';
import { exportPKCS8, exportSPKI, generateKeyPair } from 'jose';
import { expect } from 'vitest';
import type { TestApp } from '../helpers.js';
import { startAppleFake } from './apple-fake.js';
import { startGoogleFake } from './google-fake.js';
import { type KakaoFakeOptions, startKakaoFake } from './kakao-fake.js';
import { startNaverFake } from './naver-fake.js';
import { startOidcIssuer } from './oidc-issuer.js';

/*
 * The five providers on the loopback, the variables that point the service at them, and a
 * browser played by the test: from /oauth/{p}/start through the provider (its redirect,
 * Apple's form post, oidc-provider's login form) to the callback and its result.
 */

export type Provider = 'kakao' | 'naver' | 'google' | 'apple' | 'oidc';
export const PROVIDERS: Provider[] = ['kakao', 'naver', 'google', 'apple', 'oidc'];

export const PUBLIC_URL = 'http://localhost:8000';
export const PAGES_RETURN = `${PUBLIC_URL}/account/social`;
/** An app's page, listed in SOCIAL_REDIRECT_URLS. */
export const APP_RETURN = 'https://app.example.com/social/done';
export const callbackOf = (p: Provider, base = PUBLIC_URL) => `${base}/api/v1/oauth/${p}/callback`;

export const KAKAO = { restApiKey: 'kakao-rest-key', appId: 4321, adminKey: 'kakao-admin-key', nativeAppKeys: ['kakao-native-key'] };
export const NAVER = { clientId: 'naver-client-id', clientSecret: 'naver-client-secret' };
export const GOOGLE = { clientIds: ['web.apps.googleusercontent.com', 'ios.apps.googleusercontent.com', 'android.apps.googleusercontent.com'], clientSecret: 'google-secret' };
export const APPLE = { clientIds: ['com.example.web', 'com.example.app'], teamId: 'TEAM123456', keyId: 'KEY1234567' };
export const OIDC = { clientId: 'account-service', clientSecret: 'oidc-client-secret' };

type OidcOptions = Parameters<typeof startOidcIssuer>[0];

export async function startProviders(
  o: { publicUrl?: string; kakao?: Partial<KakaoFakeOptions>; oidcAccounts?: OidcOptions['accounts']; oidcConform?: boolean } = {},
) {
  const base = o.publicUrl ?? PUBLIC_URL;
  const p8 = await generateKeyPair('ES256', { extractable: true });
  const [kakao, naver, google, apple, idp] = await Promise.all([
    startKakaoFake({ ...KAKAO, redirectUris: [callbackOf('kakao', base)], consentItems: ['profile_nickname', 'account_email'], ...o.kakao }),
    startNaverFake({ ...NAVER, callbackUrls: [callbackOf('naver', base)] }),
    startGoogleFake({ ...GOOGLE, redirectUris: [callbackOf('google', base)] }),
    startAppleFake({ ...APPLE, clientSecretPublicKey: await exportSPKI(p8.publicKey), redirectUris: [callbackOf('apple', base)] }),
    startOidcIssuer({ ...OIDC, redirectUris: [callbackOf('oidc', base)], accounts: o.oidcAccounts ?? {}, conformIdTokenClaims: o.oidcConform ?? false }),
  ]);
  const env: Record<string, string> = {
    SOCIAL_PROVIDERS: PROVIDERS.join(','),
    PUBLIC_URL: base,
    SOCIAL_REDIRECT_URLS: APP_RETURN,
    KAKAO_CLIENT_ID: KAKAO.restApiKey,
    KAKAO_APP_ID: String(KAKAO.appId),
    KAKAO_ADMIN_KEY: KAKAO.adminKey,
    KAKAO_NATIVE_APP_KEYS: KAKAO.nativeAppKeys.join(','),
    KAKAO_AUTH_BASE_URL: kakao.baseUrl,
    KAKAO_API_BASE_URL: kakao.baseUrl,
    NAVER_CLIENT_ID: NAVER.clientId,
    NAVER_CLIENT_SECRET: NAVER.clientSecret,
    NAVER_AUTH_BASE_URL: naver.baseUrl,
    NAVER_API_BASE_URL: naver.baseUrl,
    GOOGLE_CLIENT_IDS: GOOGLE.clientIds.join(','),
    GOOGLE_CLIENT_SECRET: GOOGLE.clientSecret,
    GOOGLE_ISSUER: google.issuer,
    APPLE_CLIENT_IDS: APPLE.clientIds.join(','),
    APPLE_TEAM_ID: APPLE.teamId,
    APPLE_KEY_ID: APPLE.keyId,
    // On one line with \n, as a .env file holds it.
    APPLE_PRIVATE_KEY: (await exportPKCS8(p8.privateKey)).trim().replace(/\n/g, '\\n'),
    APPLE_ISSUER: apple.issuer,
    SOCIAL_OIDC_ISSUER: idp.issuer,
    SOCIAL_OIDC_CLIENT_ID: OIDC.clientId,
    SOCIAL_OIDC_CLIENT_SECRET: OIDC.clientSecret,
    SOCIAL_OIDC_NAME: 'Example SSO',
  };
  return {
    kakao,
    naver,
    google,
    apple,
    idp,
    env,
    /** Every documented problem with what the service sent any provider. */
    problems: () => [...kakao.problems(), ...naver.problems(), ...google.problems(), ...apple.problems()],
    close: () => Promise.all([kakao.close(), naver.close(), google.close(), apple.close(), idp.close()]).then(() => undefined),
  };
}
export type Providers = Awaited<ReturnType<typeof startProviders>>;

/** A verifier the caller keeps, and its S256 challenge for /oauth/{p}/start. */
export function pkcePair() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export const startPath = (p: string, q: Record<string, string>) => `/api/v1/oauth/${p}/start?${new URLSearchParams(q)}`;

/** GET /oauth/{p}/start: the 302 to the provider. */
export async function start(t: TestApp, p: Provider, o: { redirectTo?: string; challenge?: string } = {}) {
  const pair = pkcePair();
  const res = await t.get(startPath(p, { redirect_to: o.redirectTo ?? APP_RETURN, code_challenge: o.challenge ?? pair.challenge }));
  expect(res.status, res.text).toBe(302);
  return { authorize: new URL(String(res.headers.location)), verifier: pair.verifier };
}

/** What the browser does at the provider: answers the request it then makes to the service's callback. */
export async function atProvider(f: Providers, p: Provider, authorize: URL, account = 'alice'): Promise<{ method: 'GET' | 'POST'; url: URL; form?: URLSearchParams }> {
  if (p === 'oidc') return { method: 'GET', url: await f.idp.signIn(authorize, account) };
  const res = await fetch(authorize, { redirect: 'manual' });
  if (p === 'apple' && res.status === 200) {
    const { action, fields } = f.apple.formOf(await res.text());
    return { method: 'POST', url: new URL(action), form: fields };
  }
  expect(res.status, `${p} authorize answered ${res.status}: ${await res.clone().text()}`).toBe(302);
  return { method: 'GET', url: new URL(res.headers.get('location')!) };
}

/** The browser arriving at the callback: the service's 302 to where the flow returns. */
export async function arrive(t: TestApp, step: { method: 'GET' | 'POST'; url: URL; form?: URLSearchParams }): Promise<URL> {
  const res = await t.request({
    method: step.method,
    url: `${step.url.pathname}${step.url.search}`,
    ...(step.form ? { payload: step.form.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } } : {}),
  });
  expect(res.status, res.text).toBe(302);
  return new URL(String(res.headers.location));
}

/** The whole browser flow to its result. */
export async function browserSignIn(t: TestApp, f: Providers, p: Provider, o: { account?: string; redirectTo?: string } = {}) {
  const { authorize, verifier } = await start(t, p, o);
  const back = await arrive(t, await atProvider(f, p, authorize, o.account));
  return { back, verifier, result: back.searchParams.get('result') };
}

/** POST /oauth/exchange. */
export const exchange = (t: TestApp, result: string | null, verifier: string) => t.post('/oauth/exchange', { result, code_verifier: verifier });

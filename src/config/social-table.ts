import { createPrivateKey } from 'node:crypto';
import { atLeast, httpUrl, int } from './parsers.js';
import type { Parse } from './variable.js';
import { unset, variable } from './variable.js';

/**
 * The variables of social login (SPEC, *Social login*): SOCIAL_PROVIDERS and each provider's
 * own. A provider's required variables are listed in {@link SOCIAL_REQUIRED}, which the rules
 * (social-rules.ts) check when SOCIAL_PROVIDERS names it.
 */

export const SOCIAL_PROVIDER_NAMES = ['kakao', 'naver', 'google', 'apple', 'oidc'] as const;
export type SocialProviderName = (typeof SOCIAL_PROVIDER_NAMES)[number];

const split = (raw: string) => raw.split(',').map((s) => s.trim()).filter(Boolean);

/** `kakao,google`: each provider once, none unknown. */
export const socialProviderList: Parse<SocialProviderName[]> = (raw) => {
  const list = split(raw);
  const bad = list.filter((p) => !(SOCIAL_PROVIDER_NAMES as readonly string[]).includes(p));
  if (list.length === 0 || bad.length > 0) {
    throw new Error(`must be a comma list of ${SOCIAL_PROVIDER_NAMES.join(', ')}, got "${raw}"`);
  }
  if (new Set(list).size !== list.length) throw new Error(`names a provider twice: "${raw}"`);
  return list as SocialProviderName[];
};

/** A comma list of identifiers (client IDs, app keys), never empty. */
const idList: Parse<string[]> = (raw) => {
  const list = split(raw);
  if (list.length === 0) throw new Error('must be a comma list of identifiers');
  return list;
};

// Schemes a browser would run or read locally instead of leaving for: never a place to send a result to.
const SCRIPT_SCHEMES = ['javascript:', 'data:', 'vbscript:', 'file:', 'blob:', 'about:'];

/** SOCIAL_REDIRECT_URLS: absolute URLs (an app's own scheme too), compared later by exact string equality. */
export const redirectUrlList: Parse<string[]> = (raw) => {
  const list = split(raw);
  if (list.length === 0) throw new Error('must be a comma list of absolute URLs');
  for (const entry of list) {
    let url: URL | undefined;
    try {
      url = new URL(entry);
    } catch {
      // reported below
    }
    if (!url || SCRIPT_SCHEMES.includes(url.protocol) || url.hash) {
      throw new Error(`must be absolute URLs without a fragment (https://app.example.com/callback, com.example.app:/oauth); not "${entry}"`);
    }
  }
  return list;
};

/** Apple's Team ID and Key ID: ten capital letters or digits each. */
const appleId: Parse<string> = (raw) => {
  if (!/^[A-Z0-9]{10}$/.test(raw)) throw new Error(`must be ten capital letters or digits, as Apple shows it, got "${raw}"`);
  return raw;
};

/**
 * The `.p8` key, a PKCS#8 PEM of a P-256 key. `\n` written as two characters (a PEM put on
 * one line of a .env file) is read as a line break. Checked here so a bad key names the variable at start.
 */
export const applePrivateKey: Parse<string> = (raw) => {
  const pem = raw.replace(/\\n/g, '\n').trim();
  try {
    const key = createPrivateKey({ key: pem, format: 'pem' });
    if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1' && pem.includes('BEGIN PRIVATE KEY')) {
      return `${pem}\n`;
    }
  } catch {
    // reported below
  }
  throw new Error('must be the .p8 key Apple gave, a PKCS#8 PEM ("-----BEGIN PRIVATE KEY-----") of a P-256 key');
};

const required = (provider: SocialProviderName) => `required with \`SOCIAL_PROVIDERS\` naming \`${provider}\``;

export const socialTable = {
  providers: variable('SOCIAL_PROVIDERS', socialProviderList, unset('off'),
    'comma list of `kakao`, `naver`, `google`, `apple`, `oidc`: the social logins offered ([social.md](social.md))'),
  redirectUrls: variable('SOCIAL_REDIRECT_URLS', redirectUrlList, unset('the account pages only'),
    'comma list of the `redirect_to` URLs the browser flow may return to, compared by exact string equality; the ' +
      'account pages\' own is always allowed'),
  kakao: {
    clientId: variable('KAKAO_CLIENT_ID', atLeast(1), unset(), `the app's REST API key; ${required('kakao')}`),
    clientSecret: variable('KAKAO_CLIENT_SECRET', atLeast(1), unset(), 'the client secret, when the app turned it on'),
    appId: variable('KAKAO_APP_ID', int(1), unset(),
      `the numeric app ID: an access token whose token information names another app is refused; ${required('kakao')}`),
    nativeAppKeys: variable('KAKAO_NATIVE_APP_KEYS', idList, unset(), 'comma list of the app keys whose ID tokens are also accepted (Android, iOS, JavaScript SDKs)'),
    adminKey: variable('KAKAO_ADMIN_KEY', atLeast(1), unset(), `the admin key, to unlink users at withdrawal; ${required('kakao')}`),
    authBaseUrl: variable('KAKAO_AUTH_BASE_URL', httpUrl, 'https://kauth.kakao.com', 'Kakao\'s authorization server, also its OpenID issuer'),
    apiBaseUrl: variable('KAKAO_API_BASE_URL', httpUrl, 'https://kapi.kakao.com', 'Kakao\'s API server (user information, token information, unlink)'),
  },
  naver: {
    clientId: variable('NAVER_CLIENT_ID', atLeast(1), unset(), `the application's Client ID; ${required('naver')}`),
    clientSecret: variable('NAVER_CLIENT_SECRET', atLeast(1), unset(), `the application's Client Secret; ${required('naver')}`),
    authBaseUrl: variable('NAVER_AUTH_BASE_URL', httpUrl, 'https://nid.naver.com', 'Naver\'s login server, also its OpenID issuer'),
    apiBaseUrl: variable('NAVER_API_BASE_URL', httpUrl, 'https://openapi.naver.com', 'Naver\'s API server (the profile)'),
  },
  google: {
    clientIds: variable('GOOGLE_CLIENT_IDS', idList, unset(),
      `comma list: the web client first, then the apps' iOS and Android clients whose ID tokens are also accepted; ${required('google')}`),
    clientSecret: variable('GOOGLE_CLIENT_SECRET', atLeast(1), unset(), `the web client's secret; ${required('google')}`),
    issuer: variable('GOOGLE_ISSUER', httpUrl, 'https://accounts.google.com', 'Google\'s OpenID issuer; every endpoint comes from its discovery'),
  },
  apple: {
    clientIds: variable('APPLE_CLIENT_IDS', idList, unset(), `comma list: the Services ID first, then the apps' bundle IDs; ${required('apple')}`),
    teamId: variable('APPLE_TEAM_ID', appleId, unset(), `the developer team's ID; ${required('apple')}`),
    keyId: variable('APPLE_KEY_ID', appleId, unset(), `the Sign in with Apple key's ID; ${required('apple')}`),
    privateKey: variable('APPLE_PRIVATE_KEY', applePrivateKey, unset(),
      `that key's \`.p8\` file (a PEM; \`\\n\` for line breaks on one line): signs the client secret; ${required('apple')}`),
    issuer: variable('APPLE_ISSUER', httpUrl, 'https://appleid.apple.com', 'Apple\'s OpenID issuer; every endpoint comes from its discovery'),
  },
  oidc: {
    issuer: variable('SOCIAL_OIDC_ISSUER', httpUrl, unset(), `any OpenID issuer, found by discovery (exactly as its document names itself); ${required('oidc')}`),
    clientId: variable('SOCIAL_OIDC_CLIENT_ID', atLeast(1), unset(), `the client ID at that issuer; ${required('oidc')}`),
    clientSecret: variable('SOCIAL_OIDC_CLIENT_SECRET', atLeast(1), unset(), `the client secret; ${required('oidc')}`),
    name: variable('SOCIAL_OIDC_NAME', atLeast(1), unset(), `the button's label ("Sign in with …"); ${required('oidc')}`),
  },
};

/** What each provider cannot start without, by variable name and where it sits in the `social` group. */
export const SOCIAL_REQUIRED: Record<SocialProviderName, string[]> = {
  kakao: ['KAKAO_CLIENT_ID', 'KAKAO_APP_ID', 'KAKAO_ADMIN_KEY'],
  naver: ['NAVER_CLIENT_ID', 'NAVER_CLIENT_SECRET'],
  google: ['GOOGLE_CLIENT_IDS', 'GOOGLE_CLIENT_SECRET'],
  apple: ['APPLE_CLIENT_IDS', 'APPLE_TEAM_ID', 'APPLE_KEY_ID', 'APPLE_PRIVATE_KEY'],
  oidc: ['SOCIAL_OIDC_ISSUER', 'SOCIAL_OIDC_CLIENT_ID', 'SOCIAL_OIDC_CLIENT_SECRET', 'SOCIAL_OIDC_NAME'],
};

/** The base URL and issuer variables of each provider: https in production, or http on the loopback outside it. */
export const SOCIAL_URLS: Record<SocialProviderName, string[]> = {
  kakao: ['KAKAO_AUTH_BASE_URL', 'KAKAO_API_BASE_URL'],
  naver: ['NAVER_AUTH_BASE_URL', 'NAVER_API_BASE_URL'],
  google: ['GOOGLE_ISSUER'],
  apple: ['APPLE_ISSUER'],
  oidc: ['SOCIAL_OIDC_ISSUER'],
};

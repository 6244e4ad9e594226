import type { ResolvedConfig } from '../config.js';
import { ConfigError } from '../config.js';
import { publicUrlOf } from '../config/public-url.js';
import type { ProviderName, SocialProvider } from './provider.js';
import { appleProvider } from './providers/apple.js';
import { googleProvider } from './providers/google.js';
import { kakaoProvider } from './providers/kakao.js';
import { naverProvider } from './providers/naver.js';
import { oidcProvider } from './providers/oidc.js';

/** The configured providers, by name; empty when SOCIAL_PROVIDERS is unset. */
export type SocialProviders = ReadonlyMap<ProviderName, SocialProvider>;

/** Where a provider sends the browser back: the redirect URI to register with it. */
export const callbackUrlOf = (config: ResolvedConfig, name: ProviderName) => `${publicUrlOf(config)}/api/v1/oauth/${name}/callback`;

/** A variable the configuration rules require with this provider; one built by hand may lack it. */
function need<T>(value: T | undefined, name: string): T {
  if (value === undefined) throw new ConfigError([`SOCIAL_PROVIDERS needs ${name}`]);
  return value;
}

/** The providers SOCIAL_PROVIDERS names, each from its variables. Nothing is fetched here: discovery waits for the first use. */
export function createSocialProviders(config: ResolvedConfig): SocialProviders {
  const s = config.social;
  const providers = new Map<ProviderName, SocialProvider>();
  for (const name of s.providers ?? []) {
    const o = { callbackUrl: callbackUrlOf(config, name), production: config.nodeEnv === 'production' };
    switch (name) {
      case 'kakao':
        providers.set(name, kakaoProvider({
          ...s.kakao,
          clientId: need(s.kakao.clientId, 'KAKAO_CLIENT_ID'),
          appId: need(s.kakao.appId, 'KAKAO_APP_ID'),
          adminKey: need(s.kakao.adminKey, 'KAKAO_ADMIN_KEY'),
        }, o));
        break;
      case 'naver':
        providers.set(name, naverProvider({
          ...s.naver,
          clientId: need(s.naver.clientId, 'NAVER_CLIENT_ID'),
          clientSecret: need(s.naver.clientSecret, 'NAVER_CLIENT_SECRET'),
        }, o));
        break;
      case 'google':
        providers.set(name, googleProvider({
          issuer: s.google.issuer,
          clientIds: need(s.google.clientIds, 'GOOGLE_CLIENT_IDS'),
          clientSecret: need(s.google.clientSecret, 'GOOGLE_CLIENT_SECRET'),
        }, o));
        break;
      case 'apple':
        providers.set(name, appleProvider({
          issuer: s.apple.issuer,
          clientIds: need(s.apple.clientIds, 'APPLE_CLIENT_IDS'),
          teamId: need(s.apple.teamId, 'APPLE_TEAM_ID'),
          keyId: need(s.apple.keyId, 'APPLE_KEY_ID'),
          privateKey: need(s.apple.privateKey, 'APPLE_PRIVATE_KEY'),
        }, o));
        break;
      case 'oidc':
        providers.set(name, oidcProvider({
          issuer: need(s.oidc.issuer, 'SOCIAL_OIDC_ISSUER'),
          clientId: need(s.oidc.clientId, 'SOCIAL_OIDC_CLIENT_ID'),
          clientSecret: need(s.oidc.clientSecret, 'SOCIAL_OIDC_CLIENT_SECRET'),
        }, o));
        break;
    }
  }
  return providers;
}

import type { JSX } from 'preact';
import { t } from './i18n.js';
import { settings } from './settings.js';
import './social.css';

/*
 * Social login buttons (SPEC: each configured provider's, as its brand guide draws it), and the
 * start of the browser flow: a PKCE verifier kept in this tab's sessionStorage, its S256
 * challenge sent with the flow, so only this tab can exchange the result that comes back.
 */

export type SocialProvider = 'kakao' | 'naver' | 'google' | 'apple' | 'oidc';
const KEY = 'account-social-verifier';

const base64url = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** Sends the browser to the provider through the service's start. */
export async function startSocial(provider: SocialProvider): Promise<void> {
  const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
  const challenge = base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  sessionStorage.setItem(KEY, verifier);
  location.assign(`/api/v1/oauth/${provider}/start?${new URLSearchParams({ redirect_to: settings.social.returnUrl, code_challenge: challenge })}`);
}

/** The verifier of the flow this tab started, once: a result needs it to be exchanged. */
export function takeVerifier(): string | null {
  const verifier = sessionStorage.getItem(KEY);
  sessionStorage.removeItem(KEY);
  return verifier;
}

/** The provider's name as people know it. */
export function providerName(p: string): string {
  switch (p) {
    case 'kakao':
      return t('providerKakao');
    case 'naver':
      return t('providerNaver');
    case 'google':
      return 'Google';
    case 'apple':
      return 'Apple';
    default:
      return settings.social.oidcName ?? p;
  }
}

const icons: Record<SocialProvider, () => JSX.Element | null> = {
  // Kakao's speech-bubble symbol.
  kakao: () => (
    <svg viewBox="0 0 18 18" aria-hidden="true">
      <path fill="#000" d="M9 1.5C4.58 1.5 1 4.28 1 7.7c0 2.2 1.46 4.13 3.67 5.23l-.93 3.42c-.08.3.26.54.52.37l4.07-2.7c.22.02.44.03.67.03 4.42 0 8-2.78 8-6.2S13.42 1.5 9 1.5z" />
    </svg>
  ),
  // NAVER's N.
  naver: () => (
    <svg viewBox="0 0 16 16" aria-hidden="true">
      <path fill="#fff" d="M10.85 8.56 4.97 0H0v16h5.15V7.44L11.03 16H16V0h-5.15z" transform="translate(2 2) scale(.75)" />
    </svg>
  ),
  // Google's four-colour G.
  google: () => (
    <svg viewBox="0 0 48 48" aria-hidden="true">
      <path fill="#EA4335" d="M24 9.5c3.54 0 6.71 1.22 9.21 3.6l6.85-6.85C35.9 2.38 30.47 0 24 0 14.62 0 6.51 5.38 2.56 13.22l7.98 6.19C12.43 13.72 17.74 9.5 24 9.5z" />
      <path fill="#4285F4" d="M46.98 24.55c0-1.57-.15-3.09-.38-4.55H24v9.02h12.94c-.58 2.96-2.26 5.48-4.78 7.18l7.73 6c4.51-4.18 7.09-10.36 7.09-17.65z" />
      <path fill="#FBBC05" d="M10.53 28.59c-.48-1.45-.76-2.99-.76-4.59s.27-3.14.76-4.59l-7.98-6.19C.92 16.46 0 20.12 0 24c0 3.88.92 7.54 2.56 10.78l7.97-6.19z" />
      <path fill="#34A853" d="M24 48c6.48 0 11.93-2.13 15.89-5.81l-7.73-6c-2.15 1.45-4.92 2.3-8.16 2.3-6.26 0-11.57-4.22-13.47-9.91l-7.98 6.19C6.51 42.62 14.62 48 24 48z" />
    </svg>
  ),
  // The Apple logo.
  apple: () => (
    <svg viewBox="0 0 24 24" aria-hidden="true">
      <path
        fill="#fff"
        d="M16.365 1.43c0 1.14-.493 2.27-1.177 3.08-.744.9-1.99 1.57-2.987 1.57-.12 0-.23-.02-.3-.03-.01-.06-.04-.22-.04-.39 0-1.15.572-2.27 1.206-2.98.804-.94 2.142-1.64 3.248-1.68.03.13.05.28.05.43zm4.565 15.71c-.03.07-.463 1.58-1.518 3.12-.945 1.34-1.94 2.71-3.43 2.71-1.517 0-1.9-.88-3.63-.88-1.698 0-2.302.91-3.67.91-1.377 0-2.332-1.26-3.428-2.8-1.287-1.82-2.323-4.63-2.323-7.28 0-4.28 2.797-6.55 5.552-6.55 1.448 0 2.675.95 3.6.95.865 0 2.222-1.01 3.902-1.01.613 0 2.886.06 4.374 2.19-.13.09-2.383 1.37-2.383 4.19 0 3.26 2.854 4.42 2.955 4.45z"
      />
    </svg>
  ),
  oidc: () => null,
};

const labels: Record<SocialProvider, () => string> = {
  kakao: () => t('socialKakao'),
  naver: () => t('socialNaver'),
  google: () => t('socialGoogle'),
  apple: () => t('socialApple'),
  oidc: () => t('socialOidc', { name: settings.social.oidcName ?? '' }),
};

/** A button for each configured provider, in SOCIAL_PROVIDERS' order; nothing when none is. */
export function SocialButtons() {
  const providers = settings.social.providers as SocialProvider[];
  if (providers.length === 0) return null;
  return (
    <>
      <div class="social">
        {providers.map((p) => (
          <button key={p} type="button" class={`social-button ${p}`} onClick={() => void startSocial(p)}>
            {icons[p]()}
            <span>{labels[p]()}</span>
          </button>
        ))}
      </div>
      <p class="social-or">{t('socialOr')}</p>
    </>
  );
}

/** What the service wrote into `<meta name="account-pages">` (src/pages/html.ts). */
export interface Settings {
  lang: 'ko' | 'en';
  appName: string;
  logoUrl: string | null;
  primaryColor: string;
  codeTtlSeconds: number;
  resendCooldownSeconds: number;
  /** The CAPTCHA widget to render before a key is sent (src/pages/captcha-widget.ts), or null. */
  captcha: { provider: 'turnstile' | 'hcaptcha' | 'recaptcha'; global: string; siteKey: string; action: string } | null;
  social: { providers: string[]; oidcName: string | null; returnUrl: string };
  /** The service is an OpenID provider: the pages list the apps the user allowed. */
  oidcProvider: boolean;
  /** A page the OpenID provider answered itself (an error, a logout to confirm, a logout done). */
  oidc?: OidcView;
}

export interface OidcView {
  view: 'error' | 'logout' | 'signed-out';
  error?: string;
  description?: string;
  action?: string;
  xsrf?: string;
  client: string | null;
}

function read(): Settings {
  const raw = document.querySelector('meta[name="account-pages"]')?.getAttribute('content');
  const parsed = raw && raw !== '{{settings}}' ? (JSON.parse(raw) as Partial<Settings>) : {};
  return {
    lang: parsed.lang === 'en' ? 'en' : 'ko',
    appName: parsed.appName ?? 'Account',
    logoUrl: parsed.logoUrl ?? null,
    primaryColor: parsed.primaryColor ?? '#1d4ed8',
    codeTtlSeconds: parsed.codeTtlSeconds ?? 300,
    resendCooldownSeconds: parsed.resendCooldownSeconds ?? 60,
    captcha: parsed.captcha ?? null,
    social: parsed.social ?? { providers: [], oidcName: null, returnUrl: `${location.origin}/account/social` },
    oidcProvider: parsed.oidcProvider === true,
    ...(parsed.oidc ? { oidc: parsed.oidc } : {}),
  };
}

export const settings = read();

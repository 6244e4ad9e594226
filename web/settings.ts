/** What the service wrote into `<meta name="account-pages">` (src/pages/html.ts). */
export interface Settings {
  lang: 'ko' | 'en';
  appName: string;
  logoUrl: string | null;
  primaryColor: string;
  codeTtlSeconds: number;
  resendCooldownSeconds: number;
  social: { providers: string[]; oidcName: string | null; returnUrl: string };
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
    social: parsed.social ?? { providers: [], oidcName: null, returnUrl: `${location.origin}/account/social` },
  };
}

export const settings = read();

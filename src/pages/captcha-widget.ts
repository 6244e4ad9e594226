import type { ResolvedConfig } from '../config.js';
import type { Lang } from '../http/messages.js';

type Provider = NonNullable<ResolvedConfig['captcha']['provider']>;

/** The Content-Security-Policy directives a widget needs, each with the sources it adds. */
type Sources = Partial<Record<'script-src' | 'frame-src' | 'style-src' | 'connect-src', string[]>>;

/**
 * Each provider's widget script, the global it defines, and the sources its documentation
 * asks a Content-Security-Policy to allow: Turnstile's "Content Security Policy" page,
 * hCaptcha's CSP section, reCAPTCHA's FAQ on CSP. The three share one way to use them:
 * `render(element, { sitekey, callback, … })` calls `callback` with a token.
 */
const WIDGETS: Record<Provider, { script: string; global: string; sources: Sources }> = {
  turnstile: {
    script: 'https://challenges.cloudflare.com/turnstile/v0/api.js',
    global: 'turnstile',
    sources: { 'script-src': ['https://challenges.cloudflare.com'], 'frame-src': ['https://challenges.cloudflare.com'] },
  },
  hcaptcha: {
    script: 'https://js.hcaptcha.com/1/api.js',
    global: 'hcaptcha',
    sources: Object.fromEntries(
      (['script-src', 'frame-src', 'style-src', 'connect-src'] as const).map((d) => [d, ['https://hcaptcha.com', 'https://*.hcaptcha.com']]),
    ),
  },
  recaptcha: {
    script: 'https://www.google.com/recaptcha/api.js',
    global: 'grecaptcha',
    sources: {
      'script-src': ['https://www.google.com/recaptcha/', 'https://www.gstatic.com/recaptcha/'],
      'frame-src': ['https://www.google.com/recaptcha/', 'https://recaptcha.google.com/recaptcha/'],
    },
  },
};

/** What the pages read to render the widget (`<meta name="account-pages">`), or null without a CAPTCHA. */
export interface WidgetSettings {
  provider: Provider;
  /** The global the script defines: `turnstile`, `hcaptcha`, `grecaptcha`. */
  global: string;
  siteKey: string;
  action: string;
}

export function widgetSettings(config: ResolvedConfig): WidgetSettings | null {
  const { provider, siteKey, action } = config.captcha;
  if (provider === undefined || siteKey === undefined) return null;
  return { provider, global: WIDGETS[provider].global, siteKey, action };
}

/**
 * The widget script for a page in `lang`: CAPTCHA_SCRIPT_URL or the provider's, rendered
 * explicitly (the pages call `render`), in the page's language where the script takes it
 * (hCaptcha, reCAPTCHA: `hl`; Turnstile takes it in `render`), reCAPTCHA in its Trusted
 * Types build (the pages require Trusted Types).
 */
export function widgetScript(config: ResolvedConfig, lang: Lang): string | undefined {
  const { provider, scriptUrl } = config.captcha;
  if (widgetSettings(config) === null || provider === undefined) return undefined;
  const url = new URL(scriptUrl ?? WIDGETS[provider].script);
  url.searchParams.set('render', 'explicit');
  if (provider !== 'turnstile') url.searchParams.set('hl', lang);
  if (provider === 'recaptcha') url.searchParams.set('trustedtypes', 'true');
  return url.href;
}

/**
 * The sources the pages' policy adds for the widget: the provider's documented ones, or,
 * with CAPTCHA_SCRIPT_URL, that script's origin alone, for each directive the provider uses.
 */
export function widgetSources(config: ResolvedConfig): Sources {
  const { provider, scriptUrl } = config.captcha;
  if (widgetSettings(config) === null || provider === undefined) return {};
  const { sources } = WIDGETS[provider];
  if (scriptUrl === undefined) return sources;
  const origin = new URL(scriptUrl).origin;
  return Object.fromEntries(Object.keys(sources).map((d) => [d, [origin]]));
}

import type { ResolvedConfig } from '../config.js';
import type { Lang } from '../http/messages.js';
import { type WidgetSettings, widgetScript, widgetSettings, widgetSources } from './captcha-widget.js';
import { pagesReturnUrl } from '../social/redirects.js';

/** What the pages read from `<meta name="account-pages">`: branding, the timers they show, the CAPTCHA widget. */
export interface PageSettings {
  lang: Lang;
  appName: string;
  logoUrl: string | null;
  primaryColor: string;
  codeTtlSeconds: number;
  resendCooldownSeconds: number;
  captcha: WidgetSettings | null;
  /** The social logins offered (SOCIAL_PROVIDERS, in order) and where their browser flow returns to. */
  social: { providers: string[]; oidcName: string | null; returnUrl: string };
  /** OIDC_PROVIDER=on: the pages show the apps the user allowed. */
  oidcProvider: boolean;
  /** Set on the documents the OpenID provider answers itself (src/oidc-provider/documents.ts). */
  oidc?: OidcPageView;
}

/** What the OpenID provider asks the pages to show: an error no app can be told of, a logout to confirm, a logout done. */
export interface OidcPageView {
  view: 'error' | 'logout' | 'signed-out';
  error?: string;
  description?: string;
  /** The logout form's action and its anti-forgery value. */
  action?: string;
  xsrf?: string;
  /** The app's name, when one is known. */
  client: string | null;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * index.html as Vite built it, filled in for one language. The settings go into an
 * attribute, escaped, never into a script: the Content-Security-Policy allows no inline script.
 * With a CAPTCHA, the widget's script is a tag of the document (so no Trusted Types policy
 * is needed to load it), before the pages' own.
 */
export function renderIndex(template: string, config: ResolvedConfig, lang: Lang, oidc?: OidcPageView): string {
  const settings: PageSettings = {
    lang,
    appName: config.appName,
    logoUrl: config.accountPages.logoUrl ?? null,
    primaryColor: config.accountPages.primaryColor,
    codeTtlSeconds: config.ttl.code,
    resendCooldownSeconds: config.throttle.resendCooldown,
    captcha: widgetSettings(config),
    social: { providers: config.social.providers ?? [], oidcName: config.social.oidc.name ?? null, returnUrl: pagesReturnUrl(config) },
    oidcProvider: config.oidcProvider,
    ...(oidc ? { oidc } : {}),
  };
  const values: Record<string, string> = { lang, title: config.appName, settings: JSON.stringify(settings) };
  const html = template.replace(/\{\{(\w+)\}\}/g, (m, name: string) => (name in values ? escapeHtml(values[name]!) : m));
  const script = widgetScript(config, lang);
  if (script === undefined) return html;
  return html.replace('</title>', `</title>\n    <script id="captcha-script" src="${escapeHtml(script)}" async defer></script>`);
}

/**
 * Headers of every answer under /account/. Scripts, styles and connections only from this
 * origin, nothing inline, no eval, no framing; images also as data: URLs (the TOTP QR code)
 * and from the logo's origin; with a CAPTCHA, its widget's sources (and frames from them).
 */
export function securityHeaders(config: ResolvedConfig): Record<string, string> {
  const logo = config.accountPages.logoUrl;
  const logoOrigin = logo && /^https?:/.test(logo) ? ` ${new URL(logo).origin}` : '';
  const widget = widgetSources(config);
  const add = (directive: keyof typeof widget) => (widget[directive] ?? []).map((s) => ` ${s}`).join('');
  const csp = [
    "default-src 'none'",
    `script-src 'self'${add('script-src')}`,
    `style-src 'self'${add('style-src')}`,
    `img-src 'self' data:${logoOrigin}`,
    `connect-src 'self'${add('connect-src')}`,
    ...(widget['frame-src'] ? [`frame-src${add('frame-src')}`] : []),
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "require-trusted-types-for 'script'",
  ].join('; ');
  return {
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  };
}

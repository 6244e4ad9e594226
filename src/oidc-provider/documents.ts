import type { Configuration, KoaContextWithOIDC } from 'oidc-provider';
import { type Lang, pickLanguage } from '../http/messages.js';
import type { OidcPageView } from '../pages/html.js';

/** The account pages' document for one language, showing `view`; undefined when the pages are not built. */
export type RenderPage = (lang: Lang, view: OidcPageView) => string | undefined;

type Ctx = KoaContextWithOIDC;

/** The app's `ui_locales` first (`en`, `ko`), then the browser's Accept-Language. */
const languageOf = (ctx: Ctx): Lang => {
  const asked = ctx.oidc?.params?.ui_locales;
  return pickLanguage(typeof asked === 'string' ? `${asked.replace(/\s+/g, ',')},${ctx.get('accept-language')}` : ctx.get('accept-language'));
};

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The pages the provider itself shows (an error no app can be told of, "sign out?", "signed
 * out"), drawn by the account pages from their settings, so the same Content-Security-Policy
 * holds: no inline script or style, no font from elsewhere, as the library's defaults have.
 */
export function providerDocuments(render: RenderPage): Pick<Configuration, 'renderError'> & {
  logoutSource: (ctx: Ctx, form: string) => Promise<void>;
  postLogoutSuccessSource: (ctx: Ctx) => Promise<void>;
} {
  const send = (ctx: Ctx, view: OidcPageView) => {
    ctx.type = 'html';
    ctx.set('cache-control', 'no-store');
    ctx.body =
      render(languageOf(ctx), view) ??
      `<!DOCTYPE html><html><head><title>${escapeHtml(view.error ?? view.view)}</title></head><body><p>${escapeHtml(
        view.description ?? view.error ?? view.view,
      )}</p></body></html>`;
  };
  const clientName = (ctx: Ctx) => ctx.oidc.client?.clientName ?? null;
  return {
    async renderError(ctx, out) {
      send(ctx, { view: 'error', error: String(out.error), description: String(out.error_description ?? ''), client: null });
    },
    async logoutSource(ctx) {
      const state = ctx.oidc.session!.state as { secret: string };
      send(ctx, { view: 'logout', action: ctx.oidc.urlFor('end_session_confirm'), xsrf: state.secret, client: clientName(ctx) });
    },
    async postLogoutSuccessSource(ctx) {
      send(ctx, { view: 'signed-out', client: clientName(ctx) });
    },
  };
}

/**
 * A Content-Security-Policy whose `form-action` also allows `origin`: the logout form of
 * RP-initiated logout ends in a redirect to the app's post_logout_redirect_uri, and browsers
 * hold a form's redirects to form-action too.
 */
export function allowFormActionTo(csp: string, origin: string): string {
  return csp
    .split(/\s*;\s*/)
    .map((directive) => (directive.startsWith('form-action ') ? `${directive} ${origin}` : directive))
    .join('; ');
}

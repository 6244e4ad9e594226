import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Provider } from 'oidc-provider';
import { publicUrlOf } from '../config/public-url.js';
import type { AppContext } from '../context.js';
import type { App } from '../http/types.js';
import { renderIndex, securityHeaders } from '../pages/html.js';
import type { SigningKeyRing } from '../signing-keys/ring.js';
import type { RenderPage } from './documents.js';
import { loadOidcLibrary } from './library.js';
import { buildProvider } from './provider.js';

export interface OidcMount {
  ctx: AppContext;
  ring: SigningKeyRing;
  /** The built account pages (defaults to dist/web), whose document the provider's own pages are. */
  pagesDir?: string | undefined;
}

export interface CurrentProvider {
  provider: Provider;
  callback: (req: FastifyRequest['raw'], res: FastifyReply['raw']) => Promise<void>;
}

/** The provider of the ring's current keys: built again, for the next request, when a key is rotated in or revoked. */
export type ProviderHolder = () => Promise<CurrentProvider>;

const BUILT = fileURLToPath(new URL('../../dist/web/', import.meta.url));

/**
 * Mounts the OpenID provider in the service's own Fastify server: `/oidc/*` and discovery
 * are handed to oidc-provider (a Koa app) as they arrive, so the routes keep the service's
 * hooks (rate limit, metrics, the request log, graceful shutdown) and no other route pays for
 * them. Answers the holder the interaction routes use.
 */
export async function mountOidcProvider(app: App, opts: OidcMount): Promise<ProviderHolder> {
  const { ctx, ring } = opts;
  const library = await loadOidcLibrary((line) => ctx.log.warn(line));
  const headers = securityHeaders(ctx.config);
  const index = join(opts.pagesDir ?? BUILT, 'index.html');
  const template = existsSync(index) ? readFileSync(index, 'utf8') : undefined;
  const renderPage: RenderPage = (lang, view) => template && renderIndex(template, ctx.config, lang, view);

  let current: (CurrentProvider & { version: string }) | undefined;
  const holder: ProviderHolder = async () => {
    await ring.signing();
    const { version, keys } = ring.published();
    if (current?.version !== version) {
      const provider = buildProvider({ library, db: ctx.db, config: ctx.config, log: ctx.log, renderPage }, keys);
      current = { version, provider, callback: provider.callback() as CurrentProvider['callback'] };
    }
    return current;
  };

  const publicUrl = new URL(publicUrlOf(ctx.config));
  const prefix = publicUrl.pathname.replace(/\/$/, '');

  await app.register(async (scope) => {
    // The provider reads (and size-limits) each body itself: Fastify leaves the stream alone.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, _payload, done) => done(null, undefined));

    const forward = async (request: FastifyRequest, reply: FastifyReply) => {
      // Before the hijack, so a database that is down is the service's own 503.
      const { callback } = await holder();
      reply.hijack();
      const req = request.raw;
      const res = reply.raw;
      // Every URL the provider builds comes from PUBLIC_URL, whatever Host a client sent, and
      // the client IP is the one TRUST_PROXY already worked out: the only proxy headers it reads are these.
      req.headers['x-forwarded-proto'] = publicUrl.protocol.slice(0, -1);
      req.headers['x-forwarded-host'] = publicUrl.host;
      req.headers['x-forwarded-for'] = request.clientIp;
      if (prefix) (req as typeof req & { originalUrl?: string }).originalUrl = prefix + req.url;
      for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
      try {
        await callback(req, res);
      } catch (err) {
        request.log.error({ err }, 'OpenID provider: the request failed outside its error handling');
        // Half an answer cannot be mended: the connection ends rather than hangs.
        if (res.headersSent) res.destroy();
      }
      if (!res.headersSent) {
        res.statusCode = 500;
        res.setHeader('content-type', 'application/json; charset=utf-8');
        res.end(JSON.stringify({ error: 'server_error', error_description: 'the request could not be completed' }));
      }
    };
    // Tokens and hints ride in the query of some of these URLs: the log keeps the path only.
    const logSerializers = {
      req: (req: FastifyRequest) => ({ method: req.method, url: req.url.split('?')[0], remoteAddress: req.ip }),
    };
    scope.all('/oidc/*', { logSerializers, schema: { hide: true } }, forward);
    scope.get('/.well-known/openid-configuration', { logSerializers, schema: { hide: true } }, forward);
  });
  return holder;
}

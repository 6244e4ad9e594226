import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import { type Lang, pickLanguage } from '../http/messages.js';
import { answerFileRefusals } from '../http/static-files.js';
import type { App } from '../http/types.js';
import { renderIndex, securityHeaders } from './html.js';
import { sessionRoutes } from './cookie-session.js';
import { socialSessionRoutes } from './social-session.js';

export interface AccountPagesOptions {
  ctx: AppContext;
  /** Vite's output (`npm run build`); src/pages and dist/pages are both two levels below the package. */
  dir?: string | undefined;
}

const BUILT = fileURLToPath(new URL('../../dist/web/', import.meta.url));

/**
 * The account pages at /account/: the built front end, and the cookie session it logs in
 * with under /account/api. Registered as its own encapsulated plugin, so its cookie parser
 * and headers touch nothing else.
 */
export async function accountPages(app: FastifyInstance, opts: AccountPagesOptions): Promise<void> {
  const { ctx } = opts;
  const dir = opts.dir ?? BUILT;
  const headers = securityHeaders(ctx.config);
  app.addHook('onRequest', async (_request, reply) => {
    reply.headers(headers);
  });
  await app.register(cookie);
  await app.register(
    async (api) => {
      sessionRoutes(api as unknown as App, ctx);
      socialSessionRoutes(api as unknown as App, ctx);
    },
    { prefix: '/account/api' },
  );

  const index = join(dir, 'index.html');
  if (!existsSync(index)) {
    ctx.log.warn({ dir }, 'the account pages are not built (npm run build); /account/ answers 404');
    return;
  }
  const template = readFileSync(index, 'utf8');
  const html: Record<Lang, string> = { ko: renderIndex(template, ctx.config, 'ko'), en: renderIndex(template, ctx.config, 'en') };

  // File names carry a hash of their content, so a browser may keep them for good. In a
  // scope of their own, whose refusals of a path are 404s, not 500s.
  await app.register(async (files) => {
    answerFileRefusals(files);
    await files.register(fastifyStatic, {
      root: join(dir, 'assets'),
      prefix: '/account/assets/',
      decorateReply: false,
      index: false,
      dotfiles: 'ignore',
      maxAge: '365d',
      immutable: true,
    });
  });

  const page = async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.url.startsWith('/account/api/')) return reply.callNotFound();
    const lang = languageOf(request);
    return reply
      .header('cache-control', 'no-store')
      .header('vary', 'accept-language')
      .header('content-language', lang)
      .type('text/html; charset=utf-8')
      .send(html[lang]);
  };
  const hide = { schema: { hide: true } };
  // Every page is the same document; the front end routes by path.
  app.get('/account/', hide, page);
  app.get('/account/*', hide, page);
  app.get('/account', hide, async (request, reply) => reply.redirect(`/account/${request.url.slice('/account'.length)}`));
}

/** `?lang=en` or `?lang=ko` first, then the browser's Accept-Language, as the API picks its messages. */
function languageOf(request: FastifyRequest): Lang {
  const query = request.query as Record<string, unknown> | undefined;
  if (query?.lang === 'en' || query?.lang === 'ko') return query.lang;
  return pickLanguage(request.headers['accept-language']);
}

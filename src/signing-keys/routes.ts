import { Type } from 'typebox';
import type { AppContext } from '../context.js';
import type { App } from '../http/types.js';
import type { SigningKeyRing } from './ring.js';
import { publishedJwks } from './service.js';

/** Only public members: the serializer drops anything else, so no private part can leave even by mistake. */
const Jwk = Type.Object(
  {
    kty: Type.String({ examples: ['EC'] }),
    crv: Type.Optional(Type.String({ examples: ['P-256'] })),
    x: Type.Optional(Type.String()),
    y: Type.Optional(Type.String()),
    n: Type.Optional(Type.String()),
    e: Type.Optional(Type.String()),
    kid: Type.String(),
    alg: Type.String({ examples: ['ES256'] }),
    use: Type.Literal('sig'),
  },
  { additionalProperties: false },
);

/** `GET /.well-known/jwks.json`: the keys other services verify tokens with; `ring` is undefined with HS256. */
export function jwksRoutes(app: App, ctx: AppContext, ring: SigningKeyRing | undefined): void {
  const deps = { db: ctx.db, longestTokenTtlSeconds: Math.max(ctx.config.ttl.access, ctx.config.ttl.refresh) };
  const cacheControl = `public, max-age=${ctx.config.jwt.jwksMaxAge}`;
  app.get(
    '/.well-known/jwks.json',
    {
      schema: {
        tags: ['tokens'],
        summary: 'The public keys that verify access and refresh tokens (RFC 7517)',
        description:
          'Every key whose tokens may still be valid: the one signing, one published ahead of a rotation, retired ones ' +
          'until their last token expires. Revoked keys are gone at once. Empty with `JWT_ALGORITHM=HS256`. ' +
          'Cacheable for `JWKS_MAX_AGE_SECONDS`; a new key signs only after that.',
        response: { 200: Type.Object({ keys: Type.Array(Jwk) }) },
      },
    },
    // Read from the database on each request, so a key is published, or revoked, the moment it is.
    async (_request, reply) => {
      if (!ring) return reply.header('cache-control', cacheControl).send({ keys: [] });
      // The first key exists before any verifier may cache the set.
      await ring.start();
      const keys = await publishedJwks(deps);
      return reply.header('cache-control', cacheControl).send({ keys });
    },
  );
}

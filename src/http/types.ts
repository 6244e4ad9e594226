import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';

/** The Fastify instance routes are written against: TypeBox schemas give the handler types. */
export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * `'bearer'`: the route needs `Authorization: Bearer <access token>`. The guard
     * (src/sessions/guard.ts) runs before its handler and the OpenAPI document says so.
     */
    auth?: 'bearer';
    /** Its answers are counted by result in `login_attempts_total`. */
    loginAttempt?: boolean;
  }
}

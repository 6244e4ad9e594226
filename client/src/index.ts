import createClient, { type Client, type ClientOptions } from 'openapi-fetch';
import type { components, paths } from './schema.js';

export type { components, paths };
/** The client for `paths`, or for a wider set of paths a caller declares beside them. */
export type AccountClient<P extends {} = paths> = Client<P>;

export interface AccountClientOptions extends ClientOptions {
  /** The service's origin, e.g. `https://accounts.example.com`; empty in a page served by the service itself. */
  baseUrl?: string;
  /** Called before each request; its token is sent as `Authorization: Bearer …` when there is one. */
  accessToken?: () => string | undefined | Promise<string | undefined>;
  /** `ko` (the service's default) or `en`: the language of the error messages. */
  language?: 'ko' | 'en';
}

/**
 * A typed client of the account service: every path, body and answer comes from its
 * OpenAPI document (`npm run client:generate`). Errors are the service's DRF shapes,
 * `{"field": ["message"]}` for 400 and `{"detail": "message", "code": "…"}` for the rest.
 */
export function createAccountClient<P extends {} = paths>(options: AccountClientOptions = {}): AccountClient<P> {
  const { accessToken, language, ...rest } = options;
  const client = createClient<P>(rest);
  client.use({
    async onRequest({ request }) {
      if (language) request.headers.set('accept-language', language);
      const token = accessToken ? await accessToken() : undefined;
      if (token) request.headers.set('authorization', `Bearer ${token}`);
      return request;
    },
  });
  return client;
}

/** The codes an error answer may carry: for a call's `error`, those its route declares. */
export type ErrorCode<E> = E extends { code: infer C extends string } ? C : never;

/**
 * The stable `code` of an error answer (`{"detail", "code"}`), to branch on instead of the
 * translated `detail`; undefined for a 400 (DRF's field lists carry none) or no error. The
 * codes are listed in the service's docs/errors.md.
 */
export function errorCode<E>(error: E): ErrorCode<E> | undefined {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' ? (code as ErrorCode<E>) : undefined;
}

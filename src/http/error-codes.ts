import type { FastifyRequest, RouteOptions } from 'fastify';
import { type DetailCode, statusOf } from './messages.js';
import { detailSchema, FieldErrors } from './schemas.js';

/**
 * Each route's schema lists the codes of its `{"detail", "code"}` answers, per status (see
 * `errorResponses` in schemas.ts): the OpenAPI document shows them and the typed client
 * types them. What a route's own service throws is listed on the route; what a shared
 * piece answers (the flood guard, the bearer guard, the body parser, the error handler) is
 * added here by that piece, with {@link declareErrors} from an onRoute hook.
 */

/** The log message of an answer whose code its route does not declare (test/helpers.ts fails the test on it). */
export const UNDECLARED_CODE = 'answered an error code its route does not declare';

type Response = Record<string, unknown>;

/** The codes a route's schema declares for one status's answer. */
export function declaredCodes(schema: unknown): readonly string[] {
  return (schema as { properties?: { code?: { enum?: string[] } } } | undefined)?.properties?.code?.enum ?? [];
}

/** Adds `codes` to what `route` documents it answers (from an onRoute hook); a route without a response schema is no API route. */
export function declareErrors(route: RouteOptions, codes: readonly DetailCode[], opts: { fieldErrors?: boolean } = {}): void {
  const response = route.schema?.response as Response | undefined;
  if (!route.schema || !response) return;
  const added: Response = {};
  if (opts.fieldErrors && !response[400]) added[400] = FieldErrors;
  for (const code of codes) {
    const status = statusOf(code);
    const have = declaredCodes(added[status] ?? response[status]) as DetailCode[];
    if (!have.includes(code)) added[status] = detailSchema([...have, code]);
  }
  route.schema = { ...route.schema, response: { ...response, ...added } };
}

/** The methods whose body Fastify reads, so they may answer 400 (malformed JSON), 413 and 415. */
export function takesBody(route: RouteOptions): boolean {
  return [route.method].flat().some((m) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(m));
}

/**
 * Logs at error level when `code` is not among those the request's route declares for
 * `status`: the document would be wrong about it. Requests that found no route (404, 405)
 * and routes outside the API (the pages' files) have no response schema and no list.
 */
export function reportUndeclaredCode(request: FastifyRequest, status: number, code: string): void {
  const response = request.routeOptions.schema?.response as Response | undefined;
  if (!response || declaredCodes(response[status]).includes(code)) return;
  request.log.error({ code, status, route: `${request.method} ${request.routeOptions.url}` }, UNDECLARED_CODE);
}

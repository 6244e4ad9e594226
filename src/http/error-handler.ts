import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorChain } from '../db/client.js';
import { type AjvError, fieldsFromAjv } from './ajv-fields.js';
import { declareErrors, reportUndeclaredCode, takesBody } from './error-codes.js';
import { ApiError, type FieldProblem, ValidationError } from './errors.js';
import { closeAfterDraining } from './lingering-close.js';
import { type DetailCode, type Params, pickLanguage, statusOf, translate } from './messages.js';

/**
 * Turns every failure into the documented shape: DRF's `{"field": [...]}` for 400s and
 * `{"detail": "...", "code": "..."}` for the rest, in the client's language. A 5xx never
 * carries its cause; the log does.
 */
export function installErrorHandling(app: FastifyInstance): void {
  // What any route may answer from here: a bug, the database down, and a body it cannot read.
  const anyRoute = ['server_error', 'database_unavailable'] as const;
  const withBody = [...anyRoute, 'payload_too_large', 'unsupported_media_type'] as const;
  app.addHook('onRoute', (route) => {
    const body = takesBody(route);
    declareErrors(route, body ? withBody : anyRoute, { fieldErrors: body || Boolean(route.schema?.querystring ?? route.schema?.params) });
  });
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof ValidationError) return sendFields(request, reply, error.fields);
    if (error instanceof ApiError) {
      reply.headers(error.headers);
      return sendDetail(request, reply, error.code, error.params);
    }
    if (error.validation) {
      return sendFields(request, reply, fieldsFromAjv(error.validation as AjvError[], request.body));
    }
    switch (error.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
        return sendFields(request, reply, { non_field_errors: [{ code: 'malformed_json' }] });
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return sendTooLarge(request, reply);
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return sendDetail(request, reply, 'unsupported_media_type', {
          type: String(request.headers['content-type'] ?? '').slice(0, 100),
        });
    }
    // secure-json-parse refuses prototype pollution with a SyntaxError-like 400.
    if (error instanceof SyntaxError || error.statusCode === 400) {
      return sendFields(request, reply, { non_field_errors: [{ code: 'malformed_json' }] });
    }
    if (error.statusCode === 413) return sendTooLarge(request, reply);
    if (isDatabaseDown(error)) {
      request.log.error({ err: error }, 'database unavailable');
      return sendDetail(request, reply, 'database_unavailable');
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendDetail(request, reply, 'server_error');
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    // hasRoute reads its url as a route pattern: `*` anywhere but the end throws, and `:`
    // or `(` would name a parameter. No route of the service has them literally.
    const literal = !/[*:(]/.test(path);
    const allowed = ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'].filter(
      (method) => literal && app.hasRoute({ method: method as 'GET', url: path }),
    );
    if (allowed.length) {
      reply.header('allow', allowed.join(', '));
      return sendDetail(request, reply, 'method_not_allowed', { method: request.method.slice(0, 20) });
    }
    return sendDetail(request, reply, 'not_found');
  });
}

/**
 * Fastify's `frameworkErrors`, answered before any route is found: a path that does not
 * decode (`%ff` is no UTF-8) or a parameter longer than the router takes names nothing, so
 * it is the `404 not_found` of every unknown path (as Django answers it), not Fastify's own
 * 400 or 414 bodies.
 */
export function answerFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error.code === 'FST_ERR_BAD_URL' || error.code === 'FST_ERR_MAX_PARAM_LENGTH') return sendDetail(request, reply, 'not_found');
  request.log.error({ err: error }, 'unhandled error');
  return sendDetail(request, reply, 'server_error');
}

function sendDetail(request: FastifyRequest, reply: FastifyReply, code: DetailCode, params?: Params) {
  const lang = pickLanguage(request.headers['accept-language']);
  const status = statusOf(code);
  reportUndeclaredCode(request, status, code);
  return reply.code(status).type('application/json; charset=utf-8').send({ detail: translate(code, lang, params), code });
}

/** The rest of the body is never read: the connection closes, after a lingering close (lingering-close.ts). */
function sendTooLarge(request: FastifyRequest, reply: FastifyReply) {
  reply.header('connection', 'close');
  closeAfterDraining(request);
  return sendDetail(request, reply, 'payload_too_large');
}

function sendFields(request: FastifyRequest, reply: FastifyReply, fields: Record<string, FieldProblem[]>) {
  const lang = pickLanguage(request.headers['accept-language']);
  const body: Record<string, string[]> = {};
  for (const [field, problems] of Object.entries(fields)) {
    body[field] = [...new Set(problems.map((p) => translate(p.code, lang, p.params)))];
  }
  return reply.code(400).type('application/json; charset=utf-8').send(body);
}

/** Connection-level failures (refused, reset, server shutting down) are a 503, not a bug. */
export function isDatabaseDown(error: unknown): boolean {
  return errorChain(error).some(
    (e) =>
      (typeof e.code === 'string' &&
        (/^(08|57P0)/.test(e.code) || ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE'].includes(e.code))) ||
      /Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect/i.test(String(e.message)),
  );
}

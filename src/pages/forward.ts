import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { constantTimeEqual } from '../crypto/keyed-hash.js';
import { reportUndeclaredCode } from '../http/error-codes.js';

export interface ApiAnswer {
  status: number;
  body: unknown;
  retryAfter: string | undefined;
}

/**
 * Calls the JSON API in-process as the same client (its IP, language and user agent), so
 * the pages' login is the API's own: the same validation, throttles, sessions and messages,
 * and whatever the API learns later (a second factor) the pages get with it.
 */
const FORWARD_HEADER = 'x-account-pages-forward';
// Random per process: no client can send a request the flood guard takes for a forwarded one.
const FORWARD_MARK = randomBytes(16).toString('hex');

/** A request the pages made of the API for a client whose own request the flood guard has already counted. */
export function isForwardedByPages(request: FastifyRequest): boolean {
  const mark = request.headers[FORWARD_HEADER];
  return typeof mark === 'string' && constantTimeEqual(mark, FORWARD_MARK);
}

export async function callApi(app: FastifyInstance, request: FastifyRequest, url: string, payload: object): Promise<ApiAnswer> {
  const headers: Record<string, string> = { [FORWARD_HEADER]: FORWARD_MARK };
  for (const name of ['accept-language', 'user-agent'] as const) {
    const value = request.headers[name];
    if (value !== undefined) headers[name] = value;
  }
  const res = await app.inject({ method: 'POST', url, payload, headers, remoteAddress: request.clientIp });
  const retryAfter = res.headers['retry-after'];
  return {
    status: res.statusCode,
    body: res.body ? (JSON.parse(res.body) as unknown) : undefined,
    retryAfter: retryAfter === undefined ? undefined : String(retryAfter),
  };
}

/** An answer of the API that the pages pass on as it is: its errors are already in the client's language. */
export function passOn(reply: FastifyReply, answer: ApiAnswer) {
  const code = (answer.body as { code?: unknown } | undefined)?.code;
  // The API's route declared it; the pages' route passing it on must too.
  if (typeof code === 'string') reportUndeclaredCode(reply.request, answer.status, code);
  if (answer.retryAfter !== undefined) reply.header('retry-after', answer.retryAfter);
  reply.code(answer.status).type('application/json; charset=utf-8');
  return answer.body === undefined ? reply.send() : reply.send(answer.body);
}

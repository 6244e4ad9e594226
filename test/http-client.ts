import type { FastifyInstance, HTTPMethods } from 'fastify';

/**
 * The verbs take paths under /api/v1 (`/login`), or the service's own outside it (`/healthz`,
 * `/metrics`, `/docs`…). Bodies are sent as `inject` sends them: objects as JSON, strings
 * and Buffers as they are.
 */
export interface HttpClient {
  get(path: string, headers?: Record<string, string>): Promise<Res>;
  post(path: string, body?: unknown, headers?: Record<string, string>): Promise<Res>;
  put(path: string, body?: unknown, headers?: Record<string, string>): Promise<Res>;
  patch(path: string, body?: unknown, headers?: Record<string, string>): Promise<Res>;
  delete(path: string, body?: unknown, headers?: Record<string, string>): Promise<Res>;
  /** What the verbs do not: any method, the URL exactly as given, a client address. */
  request(options: RawRequest): Promise<Res>;
}

export interface RawRequest {
  method: HTTPMethods;
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
  remoteAddress?: string;
}

export interface Res {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  /** The parsed JSON body; undefined when the body is empty or not JSON. */
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- test assertions read any shape
  text: string;
}

/** The service's own paths outside the API; any other path is one under /api/v1. */
const OUTSIDE_API = /^\/(api|healthz|readyz|metrics|openapi\.json|docs|\.well-known)(\/|\?|$)/;

/** The verbs over `app.inject`, for any app (or bare Fastify instance) a test holds. */
export function httpClient(app: Pick<FastifyInstance, 'inject'>): HttpClient {
  const request = async ({ method, url, payload, headers = {}, remoteAddress }: RawRequest): Promise<Res> => {
    const res = await app.inject({
      method,
      url,
      headers,
      ...(payload === undefined ? {} : { payload: payload as object }),
      ...(remoteAddress === undefined ? {} : { remoteAddress }),
    });
    let parsed: unknown;
    try {
      parsed = res.body ? JSON.parse(res.body) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: res.statusCode, headers: res.headers, body: parsed, text: res.body };
  };
  const send = (method: HTTPMethods, path: string, payload: unknown, headers?: Record<string, string>) =>
    request({ method, url: OUTSIDE_API.test(path) || !path.startsWith('/') ? path : `/api/v1${path}`, payload, headers });
  return {
    get: (path, headers) => send('GET', path, undefined, headers),
    post: (path, body, headers) => send('POST', path, body, headers),
    put: (path, body, headers) => send('PUT', path, body, headers),
    patch: (path, body, headers) => send('PATCH', path, body, headers),
    delete: (path, body, headers) => send('DELETE', path, body, headers),
    request,
  };
}

import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK } from 'jose';

/*
 * The plumbing the provider fakes share (kakao-fake.ts, naver-fake.ts, google-fake.ts,
 * apple-fake.ts): a node:http server on 127.0.0.1 that records every request read whole,
 * with what the provider's documentation says is wrong about it (`problems`), and RS256
 * signing keys published as a JWKS.
 */

export interface Received {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
  /** The form body (empty when it is not one). */
  form: URLSearchParams;
  /** Query and form body together: some providers document GET and POST for one endpoint. */
  params: URLSearchParams;
  problems: string[];
}

export type Reply = { status: number; body?: unknown; headers?: Record<string, string> };

export async function serve(received: Received[], handle: (r: Received) => Reply | Promise<Reply>, contentType = 'application/json;charset=UTF-8') {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const body = Buffer.concat(chunks).toString('utf8');
      const isForm = String(req.headers['content-type']).startsWith('application/x-www-form-urlencoded');
      const form = isForm ? new URLSearchParams(body) : new URLSearchParams();
      const params = new URLSearchParams(url.searchParams);
      for (const [k, v] of form) params.append(k, v);
      // A browser's own request, not the client's: no provider documents it.
      if (url.pathname === '/favicon.ico') return void res.writeHead(404).end();
      const r: Received = { method: req.method ?? '', path: url.pathname, query: url.searchParams, headers: req.headers, body, form, params, problems: [] };
      received.push(r);
      Promise.resolve(handle(r)).then(
        (a) => {
          const text = a.body === undefined ? '' : typeof a.body === 'string' ? a.body : JSON.stringify(a.body);
          res.writeHead(a.status, { 'content-type': contentType, ...a.headers }).end(text);
        },
        (err: unknown) => res.writeHead(500).end(String(err)),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return { base, close };
}

export async function signingKey(kid = randomBytes(10).toString('hex')) {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  return { kid, privateKey, jwk };
}

export const random = (bytes = 24) => randomBytes(bytes).toString('base64url');
export const s256 = (v: string) => createHash('sha256').update(v).digest('base64url');
export const sha256Hex = (v: string) => createHash('sha256').update(v).digest('hex');
export const opt = <K extends string>(k: K, v: string | null | undefined) => (v ? { [k]: v } : {}) as { [P in K]?: string };
export const defined = (o: Record<string, string | undefined>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/** The problems of every request a fake received, as `METHOD /path: problem`. */
export const problemsOf = (received: Received[]) => received.flatMap((r) => r.problems.map((p) => `${r.method} ${r.path}: ${p}`));

/**
 * A fake that can be made to answer 503 for a while (an outage): `down` set, every request is
 * answered 503 and recorded as such, before the provider's own handling.
 */
export function outage(state: { down: boolean }, handle: (r: Received) => Reply | Promise<Reply>) {
  return (r: Received): Reply | Promise<Reply> => (state.down ? { status: 503, body: { error: 'temporarily_unavailable' } } : handle(r));
}

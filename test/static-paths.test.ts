import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { detailMessages, statusOf, type DetailCode } from '../src/http/messages.js';
import type { App } from '../src/http/types.js';
import { openTestDatabase, RecordingSms, testConfig } from './helpers.js';

/**
 * Finding 12 of issue 24: GETs of `/account/assets/`, a NUL in a file name, a name over 255
 * bytes and `/docs/static/%00` each answered 500 with an error-level stack trace, and
 * `/api/v1/users/%ff` Fastify's own 400. Here the paths of both file servers (@fastify/static
 * for the pages' assets, @fastify/swagger-ui for /docs) and the router's URL decoding are
 * fuzzed: every answer is below 500, every refusal is `{"detail", "code"}` with the status its
 * catalogue entry names, nothing is logged at error level, and whatever is served is one of
 * the files or documents the service means to serve, never a file found by traversal.
 * FUZZ_RUNS=2000 npx vitest run test/static-paths.test.ts fuzzes harder.
 */
const numRuns = Number(process.env.FUZZ_RUNS ?? 80) * 4;

const pagesDir = inject('pagesDir');
const swaggerStatic = join(dirname(createRequire(import.meta.url).resolve('@fastify/swagger-ui')), 'static');
const assets = readdirSync(join(pagesDir, 'assets'));
const sha = (body: Buffer | string) => createHash('sha256').update(body).digest('hex');

let app: App;
let origin: string;
let drop: () => Promise<void>;
const agent = new Agent({ keepAlive: true });

interface Answer {
  statusCode: number;
  headers: Record<string, string | string[] | undefined>;
  rawPayload: Buffer;
  body: string;
  json(): unknown;
}

/** Over a real socket: the path goes as it is written (a raw backslash too), as any client may send it. */
function send(method: string, path: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(`${origin}/`, { method, path, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const rawPayload = Buffer.concat(chunks);
        const body = rawPayload.toString();
        resolve({ statusCode: res.statusCode!, headers: res.headers, rawPayload, body, json: () => JSON.parse(body) });
      });
    });
    req.on('error', reject);
    req.end();
  });
}
const logged: { level: number; msg: string }[] = [];
/** Every body the service may answer 200 with: the files of both roots and the documents it makes. */
const servable = new Set<string>();

beforeAll(async () => {
  const db = await openTestDatabase();
  drop = db.drop;
  app = await buildApp({
    config: testConfig(),
    database: db.database,
    sms: new RecordingSms(),
    logger: { level: 'warn', stream: { write: (line: string) => void logged.push(JSON.parse(line)) } },
    pagesDir,
  });
  origin = await app.listen({ port: 0, host: '127.0.0.1' });
  for (const f of assets) servable.add(sha(readFileSync(join(pagesDir, 'assets', f))));
  for (const f of readdirSync(swaggerStatic)) servable.add(sha(readFileSync(join(swaggerStatic, f))));
  const made = ['/account/', '/account/?lang=en', '/docs', '/docs/', '/docs/json', '/docs/yaml', '/docs/static/swagger-initializer.js'];
  for (const url of [...made, '/openapi.json', '/healthz', '/readyz', '/.well-known/jwks.json']) {
    servable.add(sha((await send('GET', url)).rawPayload));
  }
});
afterAll(async () => {
  agent.destroy();
  await app?.close();
  await drop?.();
});

function expectDocumented(res: Answer, method: string, what: string): void {
  expect(res.statusCode, what).toBeLessThan(500);
  if (res.headers.location !== undefined) {
    // A redirect stays on this origin: no `//host` or `/\host` an open redirect would take.
    expect(String(res.headers.location), what).toMatch(/^\/(?![/\\])/);
  } else if (res.statusCode >= 400) {
    expect(res.headers['content-type'], what).toMatch(/^application\/json/);
    if (method === 'HEAD') return;
    const body = res.json() as Record<string, unknown>;
    if (res.statusCode === 400 && !('code' in body)) {
      for (const messages of Object.values(body)) expect(Array.isArray(messages), what).toBe(true);
      return;
    }
    expect(Object.keys(body).sort(), what).toEqual(['code', 'detail']);
    expect(Object.keys(detailMessages), what).toContain(body.code);
    expect(statusOf(body.code as DetailCode), what).toBe(res.statusCode);
  } else if (res.statusCode === 200 && method === 'GET') {
    expect(servable.has(sha(res.rawPayload)), `${what}: served something that is not one of the service's files`).toBe(true);
  }
}

const errorLines = () => logged.filter((l) => l.level >= 50);

describe('the paths of the pages’ assets, of /docs and the URL decoding', () => {
  it.each([
    ['/account/assets/'],
    ['/account/assets/a%00b.js'],
    [`/account/assets/${'a'.repeat(256)}.js`],
    [`/account/assets/${encodeURIComponent('한'.repeat(90))}.js`],
    ['/account/assets//x'],
    ['/account/assets/%5c..%5cpackage.json'],
    ['/docs/static/%00'],
    ['/docs/static/'.concat('b'.repeat(300))],
    ['/docs/static/%2e%2e%5c'],
    ['/api/v1/users/%ff'],
    ['/account/%c0%af'],
    ['/docs/static/%ff'],
    [`/api/v1/users/me/sessions/${'1'.repeat(101)}`],
    [`/api/v1/admin/users/${'9'.repeat(101)}`],
    // The not-found handler once asked the router about the path as a route pattern, where `*` mid-path throws.
    ['/api/v1/users*x'],
    ['/account/assets/*/x'],
  ])('answers GET %s with 404 not_found in the documented shape, logging no error', async (url) => {
    const res = await send('GET', url);
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ detail: '찾을 수 없습니다.', code: 'not_found' });
    expect(errorLines()).toEqual([]);
  });

  it('answers a failed precondition with 412 and a range past the end with 416 and Content-Range, for both file servers', async () => {
    for (const url of [`/account/assets/${assets[0]}`, '/docs/static/logo.svg']) {
      const pre = await send('GET', url, { 'if-match': '"not-its-etag"', 'accept-language': 'en' });
      expect(pre.statusCode).toBe(412);
      expect(pre.json()).toEqual({ detail: 'Precondition failed.', code: 'precondition_failed' });
      const range = await send('GET', url, { range: 'bytes=999999999-' });
      expect(range.statusCode).toBe(416);
      expect(range.json()).toEqual({ detail: '요청한 범위(range)를 보낼 수 없습니다.', code: 'range_not_satisfiable' });
      expect(range.headers['content-range']).toMatch(/^bytes \*\/\d+$/);
      // The file itself is still served, and a satisfiable range too.
      expect((await send('GET', url)).statusCode).toBe(200);
      expect((await send('GET', url, { range: 'bytes=0-9' })).statusCode).toBe(206);
    }
    expect(errorLines()).toEqual([]);
  });

  it('answers every fuzzed path and method below 500, in the documented shape, serving nothing but its own files', async () => {
    const prefix = fc.constantFrom(
      '/account/assets/',
      '/docs/static/',
      '/docs/',
      '/docs',
      '/account/',
      '/account/api/',
      '/',
      '/api/v1/',
      '/api/v1/users/me/sessions/',
      '/api/v1/admin/users/',
      '/.well-known/',
    );
    const byte = fc.integer({ min: 0, max: 255 }).map((b) => `%${b.toString(16).padStart(2, '0')}`);
    const piece = fc.oneof(
      fc.constantFrom('..', '.', '/', '//', '%2e%2e', '%2E.', '.%2e', '%2f', '%2F', '%5c', '\\', '%00', '%', '%f', '%zz', '%ff'),
      fc.constantFrom('%c0%af', '%e0%80%ae', '%ed%a0%80', '%f4%90%80%80', '%ef%bb%bf', '%e2%80%ae', '%0a', '%0d', '%09', '%20', '+', ';', ':', '~', '*'),
      fc.constantFrom('index.html', 'swagger-ui.css', 'logo.svg', 'csp.json', '.git', '.env', 'package.json', 'json', 'yaml', 'static', 'me', '1'),
      fc.constantFrom(...assets),
      fc.array(byte, { minLength: 1, maxLength: 6 }).map((b) => b.join('')),
      fc.string({ unit: 'grapheme', maxLength: 8 }).map(encodeURIComponent),
      fc.integer({ min: 250, max: 5000 }).map((n) => 'x'.repeat(n)),
      fc.constantFrom('?lang=en', '?lang=%ff', '?cursor=%ff&limit=%00', '#frag'),
    );
    const path = fc.tuple(prefix, fc.array(piece, { maxLength: 6 })).map(([p, parts]) => p + parts.join(''));
    const headers = fc.oneof(
      fc.constant({}),
      fc.record({ range: fc.constantFrom('bytes=0-0', 'bytes=999999999-', 'bytes=5-1', 'bytes=-0', 'bytes=0-1,2-3,4-5', 'lines=1-2', 'bytes=%ff', '') }),
      fc.record({ 'if-match': fc.constantFrom('*', '"x"', 'W/"x"', '') }),
      fc.record({ 'if-none-match': fc.constantFrom('*', '"x"', '') }),
      fc.record({ 'if-modified-since': fc.constantFrom('Thu, 01 Jan 1970 00:00:00 GMT', 'garbage', 'Fri, 31 Dec 9999 23:59:59 GMT') }),
      fc.record({ 'if-unmodified-since': fc.constantFrom('Thu, 01 Jan 1970 00:00:00 GMT', 'garbage') }),
      fc.record({ 'if-range': fc.constantFrom('"x"', 'Thu, 01 Jan 1970 00:00:00 GMT'), range: fc.constant('bytes=0-1') }),
      fc.record({ 'accept-encoding': fc.constantFrom('br, gzip, deflate', 'identity;q=0', '*;q=0', 'x'.repeat(2000)) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('GET', 'HEAD', 'GET', 'HEAD', 'POST', 'DELETE', 'OPTIONS'), path, headers, async (method, url, h) => {
        const res = await send(method, url, h);
        expectDocumented(res, method, `${method} ${url.slice(0, 200)} ${JSON.stringify(h).slice(0, 200)} → ${res.statusCode} ${res.body.slice(0, 200)}`);
        expect(errorLines(), url.slice(0, 200)).toEqual([]);
      }),
      { numRuns },
    );
  });
});

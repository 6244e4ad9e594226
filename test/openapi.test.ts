import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp, useFileDatabase } from './helpers.js';

useFileDatabase();

/**
 * Every route the app registered, read from Fastify's route tree, where each line is a
 * segment under its parent: `├── /api/v1/users (POST)` then `│   └── /me (GET, HEAD)`.
 */
function registeredRoutes(tree: string): { method: string; url: string }[] {
  const routes: { method: string; url: string }[] = [];
  const parents: string[] = [];
  for (const line of tree.split('\n')) {
    const m = /^([│ ]*)[├└]── (.*?)(?: \(([A-Z, ]+)\))?$/u.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    const url = (parents[depth - 1] ?? '') + m[2]!;
    parents[depth] = url;
    parents.length = depth + 1;
    for (const method of m[3]?.split(', ') ?? []) routes.push({ method, url });
  }
  return routes;
}

describe('OpenAPI document', () => {
  let t: TestApp;
  let doc: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- an OpenAPI document, read by path

  beforeAll(async () => {
    t = await startApp();
    const res = await t.get('/openapi.json');
    expect(res.status).toBe(200);
    doc = res.body;
  });
  afterAll(() => t.close());

  it('lists every route the app registered, with its method', () => {
    const routes = registeredRoutes(t.app.printRoutes({ commonPrefix: false }))
      // HEAD mirrors GET; /docs/* are the viewer's own files and /account/* (but /account/api/*) the account pages: not API.
      .filter((r) => r.method !== 'HEAD' && !r.url.startsWith('/docs') && !/^\/account(?!\/api\/)/.test(r.url));
    expect(routes.length).toBeGreaterThan(15);
    for (const route of routes) {
      // The parse of the tree is checked against the router itself.
      expect(t.app.hasRoute({ method: route.method as 'GET', url: route.url }), `${route.method} ${route.url}`).toBe(true);
      const path = route.url.replace(/:(\w+)/g, '{$1}');
      expect(doc.paths[path]?.[route.method.toLowerCase()], `${route.method} ${route.url} in the document`).toBeDefined();
    }
    for (const path of ['/api/v1/phone-verify', '/api/v1/users', '/api/v1/login', '/healthz', '/readyz']) {
      expect(doc.paths[path], path).toBeDefined();
    }
    // /metrics is served on METRICS_PORT, not by this app.
    expect(doc.paths['/metrics']).toBeUndefined();
  });

  it('validates as OpenAPI 3.1', async () => {
    expect(doc.openapi).toBe('3.1.0');
    const result = await new Validator().validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('documents the bearer scheme on routes that need a token, and not on the others', () => {
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.paths['/api/v1/users/me'].get.security).toEqual([{ bearer: [] }]);
    expect(doc.paths['/api/v1/logout/all'].post.security).toEqual([{ bearer: [] }]);
    expect(doc.paths['/api/v1/login'].post.security).toBeUndefined();
  });

  it('documents introspection under an API-key scheme of its own, taking a form or JSON, and the key set without auth', () => {
    expect(doc.components.securitySchemes.apiKey).toMatchObject({ type: 'http', scheme: 'bearer' });
    const introspect = doc.paths['/api/v1/introspect'].post;
    expect(introspect.security).toEqual([{ apiKey: [] }]);
    expect(Object.keys(introspect.requestBody.content).sort()).toEqual(['application/json', 'application/x-www-form-urlencoded']);
    expect(Object.keys(introspect.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '413']));
    expect(introspect.responses['200'].content['application/json'].schema.properties).toHaveProperty('active');
    const jwks = doc.paths['/.well-known/jwks.json'].get;
    expect(jwks.security).toBeUndefined();
    expect(jwks.responses['200'].content['application/json'].schema.properties.keys.items.properties).not.toHaveProperty('d');
  });

  it('shows the error shapes and examples from the route schemas', () => {
    const signUp = doc.paths['/api/v1/users'].post;
    const json = (status: string) => signUp.responses[status].content['application/json'];
    expect(json('400').schema.type).toBe('object');
    expect(json('400').example ?? json('400').schema.examples).toBeDefined();
    expect(json('401').schema).toMatchObject({ required: ['detail', 'code'], properties: { detail: { type: 'string' } } });
    expect(json('429').schema.required).toEqual(['detail', 'code']);
    expect(json('201').schema.properties).toHaveProperty('phone_number');
    const body = signUp.requestBody.content['application/json'].schema;
    expect(body.required).toEqual(expect.arrayContaining(['email', 'password', 'phone_number', 'token']));
    expect(body.properties.phone_number.examples).toEqual(['010-1234-5678']);
  });

  it('serves the interactive docs from the service itself, without outside assets', async () => {
    const page = await t.get('/docs');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('swagger-ui');
    expect(page.text).not.toMatch(/(src|href)="(https?:)?\/\//);
    const bundle = await t.get('/docs/static/swagger-ui-bundle.js');
    expect(bundle.status).toBe(200);
    const spec = await t.get('/docs/json');
    expect(spec.body.paths).toEqual(doc.paths);
  });

  it("gives /docs a Content-Security-Policy of its own and refuses framing, on the page and each of its files", async () => {
    // It shares the account pages' origin: a script injected here could use their session.
    for (const url of ['/docs', '/docs/', '/docs/static/swagger-initializer.js', '/docs/static/swagger-ui-bundle.js', '/docs/json']) {
      const res = await t.get(url);
      expect(res.status, url).toBe(200);
      const csp = String(res.headers['content-security-policy']).split('; ');
      expect(csp, url).toEqual(expect.arrayContaining(["default-src 'none'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'", "base-uri 'none'"]));
      expect(csp.join(' '), url).not.toMatch(/unsafe-(inline|eval)|\*/);
      expect(res.headers['x-frame-options'], url).toBe('DENY');
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['referrer-policy'], url).toBe('no-referrer');
    }
  });
});

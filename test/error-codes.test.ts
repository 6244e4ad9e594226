import { Type } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { type DocumentPaths, errorCodesPage } from '../src/docs/error-codes.js';
import { ApiError, throttled, unauthorized } from '../src/http/errors.js';
import { type DetailCode, detailMessages, fieldMessages } from '../src/http/messages.js';
import { errorResponses } from '../src/http/schemas.js';
import { codeChecks, RecordingSms, startApp, type TestApp, testConfig, useFileDatabase } from './helpers.js';

useFileDatabase();

/** Never called: `npm run typecheck` fails if one of these lines compiles. */
export function typeErrors(): void {
  // @ts-expect-error a 503's code is no throttle's
  throttled(1, 'sms_spend_cap');
  // @ts-expect-error nor is a 429's a 401's
  unauthorized('login_locked');
  // @ts-expect-error a field's message is no refusal
  new ApiError('required');
}

const codesOf = (status: number) => Object.entries(detailMessages).filter(([, m]) => m.status === status).map(([code]) => code);

describe('error codes', () => {
  let t: TestApp;
  let paths: DocumentPaths;

  beforeAll(async () => {
    t = await startApp();
    paths = (await t.get('/openapi.json')).body.paths;
  });
  afterAll(() => t.close());

  it('are what docs/errors.md lists, with their statuses, messages and routes (`npm run docs:errors` rewrites it)', async () => {
    await expect(errorCodesPage(paths), 'docs/errors.md is stale: run npm run docs:errors').toMatchFileSnapshot('../docs/errors.md');
  });

  it('are snake_case, each refusal with a 4xx or 5xx status, and no name is both a field message and a refusal', () => {
    for (const code of [...Object.keys(detailMessages), ...Object.keys(fieldMessages)]) expect(code).toMatch(/^[a-z]+(_[a-z]+)*$/);
    for (const [code, m] of Object.entries(detailMessages)) {
      expect(m.status, code).toBeGreaterThanOrEqual(401);
      expect(m.status, code).toBeLessThan(600);
    }
    expect(Object.keys(fieldMessages).filter((code) => code in detailMessages)).toEqual([]);
  });

  // Clients branch on these: renaming one breaks them, so the lists are held here.
  it('tell every 429 and every 503 apart, by codes that stay as they are', () => {
    expect(codesOf(429)).toEqual(['throttled', 'resend_cooldown', 'login_locked', 'account_locked', 'mfa_locked', 'mfa_code_failures', 'sms_key_failures']);
    expect(codesOf(503)).toEqual([
      'sms_unavailable',
      'sms_spend_cap',
      'sms_country_paused',
      'login_busy',
      'captcha_unavailable',
      'social_provider_unavailable',
      'database_unavailable',
    ]);
  });

  it("keep DRF's and SimpleJWT's codes where the Django service answered the same situation", () => {
    for (const code of ['token_not_valid', 'no_active_account', 'not_authenticated', 'permission_denied', 'not_found', 'method_not_allowed', 'unsupported_media_type', 'throttled']) {
      expect(detailMessages, code).toHaveProperty(code);
    }
    expect(detailMessages.no_active_account.en).toBe('No active account found with the given credentials.');
  });

  it('take their status from the catalogue, whoever throws them', () => {
    expect(new ApiError('not_found').statusCode).toBe(404);
    expect(unauthorized('sms_key_not_valid').statusCode).toBe(401);
    const wait = throttled(2.5, 'sms_key_failures');
    expect([wait.statusCode, wait.headers['retry-after']]).toEqual([429, '3']);
  });

  it('are declared on the routes that answer them: each error of the document but the 400 has a `code` enum', () => {
    const declared = new Set<string>();
    for (const [path, methods] of Object.entries(paths)) {
      for (const [method, op] of Object.entries(methods)) {
        for (const [status, answer] of Object.entries(op.responses ?? {})) {
          if (Number(status) < 401) continue;
          const schema = answer.content?.['application/json']?.schema as { required?: string[]; properties?: { code?: { enum?: string[] } } };
          expect(schema.required, `${method} ${path} ${status}`).toEqual(['detail', 'code']);
          const codes = schema.properties?.code?.enum ?? [];
          expect(codes.length, `${method} ${path} ${status}`).toBeGreaterThan(0);
          for (const code of codes) {
            expect(detailMessages[code as DetailCode]?.status, `${method} ${path}: ${code}`).toBe(Number(status));
            declared.add(code);
          }
        }
      }
    }
    // Only the not-found handler answers 405, and only the pages' and /docs' files 412 and 416
    // (src/http/static-files.ts): they have no route in the document to declare them on.
    expect(Object.keys(detailMessages).filter((code) => !declared.has(code))).toEqual([
      'method_not_allowed',
      'precondition_failed',
      'range_not_satisfiable',
    ]);
  });

  it('log an answer whose code its route does not declare, which fails the test that made it', async () => {
    const codes = codeChecks();
    const app = await buildApp({ config: testConfig(), database: t.database, sms: new RecordingSms(), logger: codes.logger });
    const response = { 200: Type.Object({}), ...errorResponses('not_found') };
    app.get('/declared', { schema: { response } }, async () => {
      throw new ApiError('not_found');
    });
    app.get('/undeclared', { schema: { response } }, async () => {
      throw new ApiError('sms_unavailable');
    });
    try {
      expect((await app.inject('/declared')).json()).toMatchObject({ code: 'not_found' });
      expect(() => codes.check()).not.toThrow();
      const res = await app.inject('/undeclared');
      // The client still gets the answer; the log (and so the test) gets the mistake.
      expect([res.statusCode, res.json().code]).toEqual([503, 'sms_unavailable']);
      expect(() => codes.check()).toThrow(/"code":"sms_unavailable".*"route":"GET \/undeclared"/);
    } finally {
      await app.close();
    }
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { startApp, type TestApp, useFileDatabase } from './helpers.js';

useFileDatabase();

let t: TestApp;
afterEach(async () => t?.close());

describe('error shapes', () => {
  it('answers unknown paths with 404 and wrong methods with 405 and Allow', async () => {
    t = await startApp();
    const missing = await t.get('/nowhere', { 'accept-language': 'en' });
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ detail: 'Not found.', code: 'not_found' });
    const wrong = await t.put('/login');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.allow).toBe('POST');
    expect(wrong.body).toEqual({ detail: '메소드(Method) "PUT"는 허용되지 않습니다.', code: 'method_not_allowed' });
  });

  it('answers malformed JSON, a non-object body and a missing body with 400 in DRF shape', async () => {
    t = await startApp();
    for (const payload of ['{bad', '[1,2]', '"text"', 'null', '{"__proto__": {"x": 1}}']) {
      const res = await t.post('/login', payload, { 'content-type': 'application/json' });
      expect(res.status, payload).toBe(400);
      expect(Object.values(res.body).every((v) => Array.isArray(v) && v.every((m) => typeof m === 'string')), payload).toBe(true);
    }
    const empty = await t.post('/phone-verify');
    expect(empty.status).toBe(400);
    expect(empty.body).toEqual({ phone_number: ['이 필드는 필수 항목입니다.'] });
  });

  it('answers other media types with 415 and bodies over 1 MiB with 413', async () => {
    t = await startApp();
    const form = await t.post('/login', 'email=a', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(415);
    expect(Object.keys(form.body)).toEqual(['detail', 'code']);
    expect(form.body.code).toBe('unsupported_media_type');
    const big = await t.post('/login', { email: 'a'.repeat(1024 * 1024 + 10) }, { 'accept-language': 'en' });
    expect(big.status).toBe(413);
    expect(big.body).toEqual({ detail: 'Request body is too large.', code: 'payload_too_large' });
  });

  it('speaks English when Accept-Language prefers it, Korean otherwise', async () => {
    t = await startApp();
    const en = await t.post('/phone-verify', {}, { 'accept-language': 'en-US,en;q=0.9,ko;q=0.8' });
    const ko = await t.post('/phone-verify', {}, { 'accept-language': 'ko-KR,ko;q=0.9,en;q=0.8' });
    const none = await t.post('/phone-verify', {});
    expect(en.body).toEqual({ phone_number: ['This field is required.'] });
    expect(ko.body).toEqual({ phone_number: ['이 필드는 필수 항목입니다.'] });
    expect(none.body).toEqual(ko.body);
  });
});

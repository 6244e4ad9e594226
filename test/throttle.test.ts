import { afterEach, describe, expect, it } from 'vitest';
import { rateLimits } from '../src/db/schema/index.js';
import { PASSWORD, startApp, type TestApp, useFileDatabase } from './helpers.js';

useFileDatabase();

let t: TestApp;
afterEach(async () => t?.close());

const fromIp = (remoteAddress: string, url: string, payload: object, headers: Record<string, string> = {}) =>
  t.request({ method: 'POST', url: `/api/v1${url}`, payload, headers, remoteAddress });

describe('throttles on /phone-verify', () => {
  it('refuses a new key while the last one is pending and younger than the cooldown, with Retry-After', async () => {
    t = await startApp({ OTP_RESEND_COOLDOWN_SECONDS: '60' });
    expect((await t.post('/phone-verify', { phone_number: '010-1234-5678' })).status).toBe(201);
    const res = await t.post('/phone-verify', { phone_number: '010-1234-5678' }, { 'accept-language': 'en' });
    expect(res.status).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(50);
    expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(res.body.detail).toMatch(/^A code was just sent\. Request a new one in \d+ seconds\.$/);
    expect(res.body.code).toBe('resend_cooldown');
    expect(t.sms.sent).toHaveLength(1);
    // Another phone is not affected.
    expect((await t.post('/phone-verify', { phone_number: '010-2222-3333' })).status).toBe(201);
  });

  it('holds the cooldown from the last key sent even when that key was already used', async () => {
    t = await startApp({ OTP_RESEND_COOLDOWN_SECONDS: '60' });
    await t.verifyPhone();
    const res = await t.post('/phone-verify', { phone_number: '010-1234-5678' });
    expect(res.status).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(50);
  });

  it('caps keys per phone per hour', async () => {
    t = await startApp({ SMS_MAX_PER_PHONE_PER_HOUR: '3' });
    for (let i = 0; i < 3; i++) expect((await t.post('/phone-verify', { phone_number: '010-1234-5678' })).status).toBe(201);
    const res = await t.post('/phone-verify', { phone_number: '010-1234-5678' });
    expect(res.status).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(3500);
    expect(t.sms.sent).toHaveLength(3);
  });

  it('caps keys per phone per day', async () => {
    t = await startApp({ SMS_MAX_PER_PHONE_PER_DAY: '2' });
    await t.post('/phone-verify', { phone_number: '010-1234-5678' });
    await t.post('/phone-verify', { phone_number: '010-1234-5678' });
    const res = await t.post('/phone-verify', { phone_number: '010-1234-5678' });
    expect(res.status).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(86_000);
  });

  it('caps key requests per client IP per hour, across phones', async () => {
    t = await startApp({ SMS_MAX_PER_IP_PER_HOUR: '2' });
    expect((await fromIp('10.0.0.1', '/phone-verify', { phone_number: '010-1111-1111' })).status).toBe(201);
    expect((await fromIp('10.0.0.1', '/phone-verify', { phone_number: '010-2222-2222' })).status).toBe(201);
    const refused = await fromIp('10.0.0.1', '/phone-verify', { phone_number: '010-3333-3333' });
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBeDefined();
    expect((await fromIp('10.0.0.2', '/phone-verify', { phone_number: '010-3333-3333' })).status).toBe(201);
  });

  it('honours X-Forwarded-For only with TRUST_PROXY', async () => {
    t = await startApp({ SMS_MAX_PER_IP_PER_HOUR: '1', TRUST_PROXY: '1' });
    const a = await fromIp('127.0.0.1', '/phone-verify', { phone_number: '010-1111-1111' }, { 'x-forwarded-for': '203.0.113.1' });
    const b = await fromIp('127.0.0.1', '/phone-verify', { phone_number: '010-2222-2222' }, { 'x-forwarded-for': '203.0.113.2' });
    expect([a.status, b.status]).toEqual([201, 201]);
    await t.close();
    t = await startApp({ SMS_MAX_PER_IP_PER_HOUR: '1' });
    const c = await fromIp('127.0.0.1', '/phone-verify', { phone_number: '010-1111-1111' }, { 'x-forwarded-for': '203.0.113.1' });
    const d = await fromIp('127.0.0.1', '/phone-verify', { phone_number: '010-2222-2222' }, { 'x-forwarded-for': '203.0.113.2' });
    expect([c.status, d.status]).toEqual([201, 429]);
  });

  it('keeps no phone number or IP in the counters table', async () => {
    t = await startApp();
    await fromIp('198.51.100.7', '/phone-verify', { phone_number: '010-1234-5678' });
    const rows = await t.database.db.select().from(rateLimits);
    expect(rows.length).toBeGreaterThan(0);
    const dump = JSON.stringify(rows);
    expect(dump).not.toContain('1012345678');
    expect(dump).not.toContain('198.51.100.7');
  });
});

describe('throttle on /login failures', () => {
  it('answers 429 after LOGIN_MAX_FAILURES, even with the right password, per identifier and IP', async () => {
    t = await startApp({ LOGIN_MAX_FAILURES: '3' });
    await t.signUp();
    for (let i = 0; i < 3; i++) {
      expect((await fromIp('10.0.0.1', '/login', { email: 'kim@example.com', password: 'wrong-Pass-1' })).status).toBe(401);
    }
    const locked = await fromIp('10.0.0.1', '/login', { email: 'KIM@example.com', password: PASSWORD });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(800);
    expect(locked.body.detail).toMatch(/로그인 실패가 너무 많습니다/);
    expect(locked.body.code).toBe('login_locked');
    // Another IP, or the phone number as identifier, is counted apart.
    expect((await fromIp('10.0.0.2', '/login', { email: 'kim@example.com', password: PASSWORD })).status).toBe(202);
    expect((await fromIp('10.0.0.1', '/login', { phone_number: '01012345678', password: PASSWORD })).status).toBe(202);
  });

  it('lets logins through again once the window passes', async () => {
    t = await startApp({ LOGIN_MAX_FAILURES: '1', LOGIN_FAILURE_WINDOW_SECONDS: '1' });
    await t.signUp();
    expect((await t.post('/login', { email: 'kim@example.com', password: 'wrong-Pass-1' })).status).toBe(401);
    expect((await t.post('/login', { email: 'kim@example.com', password: PASSWORD })).status).toBe(429);
    await new Promise((r) => setTimeout(r, 1300));
    expect((await t.post('/login', { email: 'kim@example.com', password: PASSWORD })).status).toBe(202);
  });

  it('forgets earlier failures after a successful login', async () => {
    t = await startApp({ LOGIN_MAX_FAILURES: '2' });
    await t.signUp();
    expect((await t.post('/login', { email: 'kim@example.com', password: 'wrong-Pass-1' })).status).toBe(401);
    expect((await t.post('/login', { email: 'kim@example.com', password: PASSWORD })).status).toBe(202);
    expect((await t.post('/login', { email: 'kim@example.com', password: 'wrong-Pass-1' })).status).toBe(401);
    expect((await t.post('/login', { email: 'kim@example.com', password: PASSWORD })).status).toBe(202);
  });
});

describe('per-IP flood guard', () => {
  it('answers 429 with Retry-After past RATE_LIMIT_PER_IP_PER_MINUTE on any route, health checks aside', async () => {
    t = await startApp({ RATE_LIMIT_PER_IP_PER_MINUTE: '3' });
    for (let i = 0; i < 3; i++) expect((await t.get('/users/me')).status).toBe(401);
    const res = await t.get('/users/me', { 'accept-language': 'en' });
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBeDefined();
    expect(res.body.detail).toMatch(/^Request was throttled\. Expected available in \d+ seconds\.$/);
    expect(res.body.code).toBe('throttled');
    expect((await t.get('/healthz')).status).toBe(200);
  });
});

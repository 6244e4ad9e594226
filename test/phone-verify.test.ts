import { afterEach, describe, expect, it } from 'vitest';
import { phoneVerifications } from '../src/db/schema/index.js';
import { sleep, startApp, type TestApp, useFileDatabase } from './helpers.js';

useFileDatabase();

let t: TestApp;
afterEach(async () => t?.close());

describe('POST /phone-verify', () => {
  it('sends a 6-digit key without a leading zero and answers 201 with no body', async () => {
    t = await startApp();
    const res = await t.post('/phone-verify', { phone_number: '010-1234-5678' });
    expect(res.status).toBe(201);
    expect(res.text).toBe('');
    expect(t.sms.sent).toHaveLength(1);
    expect(t.sms.sent[0]!.to).toBe('+821012345678');
    expect(t.sms.sent[0]!.text).toMatch(/^\[User Demo\] 인증번호 \[[1-9]\d{5}\]를 입력해주세요\.$/);
  });

  it.each(['010-1234-5678', '01012345678', '+82 10-1234-5678', '+821012345678'])(
    'accepts the number written as %s',
    async (written) => {
      t = await startApp();
      expect((await t.post('/phone-verify', { phone_number: written })).status).toBe(201);
      expect(t.sms.sent[0]!.to).toBe('+821012345678');
    },
  );

  it('refuses landlines, foreign numbers, garbage and missing numbers with 400 on phone_number', async () => {
    t = await startApp();
    for (const phone_number of ['02-123-4567', '+1 415 555 2671', 'not a number', '010-1234', '']) {
      const res = await t.post('/phone-verify', { phone_number });
      expect(res.status, phone_number).toBe(400);
      expect(Object.keys(res.body)).toEqual(['phone_number']);
    }
    expect((await t.post('/phone-verify', {})).body).toEqual({ phone_number: ['이 필드는 필수 항목입니다.'] });
    expect(t.sms.sent).toHaveLength(0);
  });

  it('sends to other regions only when PHONE_ALLOWED_REGIONS lists them', async () => {
    t = await startApp({ PHONE_ALLOWED_REGIONS: 'KR,US' });
    expect((await t.post('/phone-verify', { phone_number: '+1 415 555 2671' })).status).toBe(201);
  });

  it('answers 503 when the provider fails and leaves no usable key', async () => {
    t = await startApp();
    t.sms.failNext();
    const res = await t.post('/phone-verify', { phone_number: '010-1234-5678' }, { 'accept-language': 'en' });
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ detail: 'The verification SMS could not be sent. Please try again later.', code: 'sms_unavailable' });
    const rows = await t.database.db.select().from(phoneVerifications);
    expect(rows).toHaveLength(0);
  });

  it('stores only a hash of the key', async () => {
    t = await startApp();
    await t.post('/phone-verify', { phone_number: '010-1234-5678' });
    const key = t.sms.lastKey();
    const [row] = await t.database.db.select().from(phoneVerifications);
    expect(row!.keyHash).not.toContain(key);
    expect(JSON.stringify(row)).not.toContain(key);
  });
});

describe('POST /phone-verify/confirm', () => {
  it('answers the seed shape with a 32-hex token for the right key', async () => {
    t = await startApp();
    await t.post('/phone-verify', { phone_number: '010-1234-5678' });
    const res = await t.post('/phone-verify/confirm', { phone_number: '01012345678', key: t.sms.lastKey() });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ phone_number: '01012345678', is_verified: true, token: expect.stringMatching(/^[0-9a-f]{32}$/) });
    const [row] = await t.database.db.select().from(phoneVerifications);
    expect(row!.tokenHash).not.toBe(res.body.token);
  });

  it('accepts the key as a JSON number', async () => {
    t = await startApp();
    await t.post('/phone-verify', { phone_number: '010-1234-5678' });
    const res = await t.post('/phone-verify/confirm', { phone_number: '010-1234-5678', key: Number(t.sms.lastKey()) });
    expect(res.status).toBe(200);
  });

  it('issues the token once: the same key cannot be confirmed twice', async () => {
    t = await startApp();
    await t.post('/phone-verify', { phone_number: '010-1234-5678' });
    const key = t.sms.lastKey();
    expect((await t.post('/phone-verify/confirm', { phone_number: '010-1234-5678', key })).status).toBe(200);
    const again = await t.post('/phone-verify/confirm', { phone_number: '010-1234-5678', key });
    expect(again.status).toBe(401);
    expect(again.body).toEqual({ detail: '유효하지 않은 인증번호입니다.', code: 'sms_key_not_valid' });
  });

  it('refuses a wrong key with 401 and a non-numeric key with 400', async () => {
    t = await startApp();
    await t.post('/phone-verify', { phone_number: '010-1234-5678' });
    const wrong = String(((Number(t.sms.lastKey()) - 100000 + 1) % 900000) + 100000);
    expect((await t.post('/phone-verify/confirm', { phone_number: '010-1234-5678', key: wrong })).status).toBe(401);
    const bad = await t.post('/phone-verify/confirm', { phone_number: '010-1234-5678', key: 'abc' });
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ key: ['유효한 정수(integer)를 넣어주세요.'] });
    const blank = await t.post('/phone-verify/confirm', { phone_number: '', key: true });
    expect(blank.body).toEqual({ phone_number: ['이 필드는 blank일 수 없습니다.'], key: ['유효한 정수(integer)를 넣어주세요.'] });
  });

  it('refuses a key for another phone', async () => {
    t = await startApp();
    await t.post('/phone-verify', { phone_number: '010-1234-5678' });
    const res = await t.post('/phone-verify/confirm', { phone_number: '010-9999-8888', key: t.sms.lastKey() });
    expect(res.status).toBe(401);
  });

  it('refuses a key after PHONE_VERIFY_CODE_TTL_SECONDS', async () => {
    t = await startApp({ PHONE_VERIFY_CODE_TTL_SECONDS: '1' });
    await t.post('/phone-verify', { phone_number: '010-1234-5678' });
    await sleep(1300);
    const res = await t.post('/phone-verify/confirm', { phone_number: '010-1234-5678', key: t.sms.lastKey() });
    expect(res.status).toBe(401);
  });

  it('kills the pending key after OTP_MAX_ATTEMPTS wrong keys, even for the right key', async () => {
    t = await startApp({ OTP_MAX_ATTEMPTS: '3' });
    await t.post('/phone-verify', { phone_number: '010-1234-5678' });
    const key = t.sms.lastKey();
    const wrong = key === '123456' ? '654321' : '123456';
    for (let i = 0; i < 3; i++) {
      expect((await t.post('/phone-verify/confirm', { phone_number: '010-1234-5678', key: wrong })).status).toBe(401);
    }
    expect((await t.post('/phone-verify/confirm', { phone_number: '010-1234-5678', key })).status).toBe(401);
    // A new key starts over.
    await t.post('/phone-verify', { phone_number: '010-1234-5678' });
    expect((await t.post('/phone-verify/confirm', { phone_number: '010-1234-5678', key: t.sms.lastKey() })).status).toBe(200);
  });

  it('retires the older key when a new one is sent', async () => {
    t = await startApp();
    await t.post('/phone-verify', { phone_number: '010-1234-5678' });
    const first = t.sms.lastKey();
    await t.post('/phone-verify', { phone_number: '010-1234-5678' });
    const second = t.sms.lastKey();
    if (first !== second) {
      expect((await t.post('/phone-verify/confirm', { phone_number: '010-1234-5678', key: first })).status).toBe(401);
    }
    expect((await t.post('/phone-verify/confirm', { phone_number: '010-1234-5678', key: second })).status).toBe(200);
  });

  it('retires the older key when a new one is sent after the cooldown', async () => {
    // With a cooldown, sendKey learns under the lock whether an older key is pending.
    t = await startApp({ OTP_RESEND_COOLDOWN_SECONDS: '1' });
    await t.post('/phone-verify', { phone_number: '010-1234-5678' });
    const first = t.sms.lastKey();
    await sleep(1100);
    expect((await t.post('/phone-verify', { phone_number: '010-1234-5678' })).status).toBe(201);
    const second = t.sms.lastKey();
    const rows = await t.database.db.select().from(phoneVerifications);
    expect(rows.filter((v) => v.retiredAt === null)).toHaveLength(1);
    if (first !== second) {
      expect((await t.post('/phone-verify/confirm', { phone_number: '010-1234-5678', key: first })).status).toBe(401);
    }
    expect((await t.post('/phone-verify/confirm', { phone_number: '010-1234-5678', key: second })).status).toBe(200);
  });

  it('keeps the older key usable when sending the new one fails', async () => {
    t = await startApp();
    await t.post('/phone-verify', { phone_number: '010-1234-5678' });
    const first = t.sms.lastKey();
    t.sms.failNext();
    expect((await t.post('/phone-verify', { phone_number: '010-1234-5678' })).status).toBe(503);
    t.sms.failWith = undefined;
    expect((await t.post('/phone-verify/confirm', { phone_number: '010-1234-5678', key: first })).status).toBe(200);
  });

  it('gives exactly one 200 to many confirms racing on one key', async () => {
    t = await startApp();
    await t.post('/phone-verify', { phone_number: '010-1234-5678' });
    const key = t.sms.lastKey();
    const results = await Promise.all(
      Array.from({ length: 20 }, () => t.post('/phone-verify/confirm', { phone_number: '010-1234-5678', key })),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 401)).toHaveLength(19);
  });
});

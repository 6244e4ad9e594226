import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../src/app.js';
import { openDatabase } from '../src/db/client.js';
import { rateLimits } from '../src/db/schema/index.js';
import { SmsSendError } from '../src/sms/provider.js';
import { openTestDatabase, RecordingSms, startApp, testConfig, type TestApp, testPoolMode, useFileDatabase } from './helpers.js';
import { httpClient } from './http-client.js';

useFileDatabase();

/**
 * SMS_MAX_PER_HOUR and SMS_MAX_PER_DAY: what the whole service may send, counted in the
 * database so every instance spends from the same caps (issue 18).
 */
let t: TestApp;
afterEach(async () => t?.close());

const phone = (i: number) => `010-5555-${String(1000 + i)}`;
const send = (i: number, app: Pick<TestApp, 'post'> = t) => app.post('/phone-verify', { phone_number: phone(i) });

async function refusedByCap(cap: 'hour' | 'day'): Promise<number> {
  const metric = await t.app.metrics!.smsSpendRefused.get();
  return metric.values.find((v) => v.labels.cap === cap)?.value ?? 0;
}

describe('the hourly spend cap', () => {
  it('answers 503 with Retry-After once the service sent SMS_MAX_PER_HOUR keys, whoever asked for them', async () => {
    t = await startApp({ SMS_MAX_PER_HOUR: '3' });
    for (let i = 0; i < 3; i++) expect((await send(i)).status).toBe(201);
    const refused = await send(3);
    expect(refused.status).toBe(503);
    expect(refused.body).toEqual({ detail: expect.stringMatching(/^지금은 인증번호 문자를 보낼 수 없습니다\. \d+초 후에/), code: 'sms_spend_cap' });
    const wait = Number(refused.headers['retry-after']);
    expect(wait).toBeGreaterThan(3500);
    expect(wait).toBeLessThanOrEqual(3600);
    expect(t.sms.sent).toHaveLength(3);
    expect(await refusedByCap('hour')).toBe(1);
  });

  it('logs one error for a full window however many requests it refuses, and counts each of them', async () => {
    t = await startApp({ SMS_MAX_PER_HOUR: '1' });
    const errors = vi.spyOn(t.app.log, 'error');
    expect((await send(0)).status).toBe(201);
    for (let i = 1; i <= 5; i++) expect((await send(i)).status).toBe(503);
    const capLines = errors.mock.calls.filter(([, msg]) => typeof msg === 'string' && msg.startsWith('SMS spend cap reached'));
    expect(capLines).toHaveLength(1);
    expect(capLines[0]![0]).toMatchObject({ cap: 'hour', max: 1 });
    expect(await refusedByCap('hour')).toBe(5);
  });

  it('opens again when its hour is over', async () => {
    t = await startApp({ SMS_MAX_PER_HOUR: '1' });
    expect((await send(0)).status).toBe(201);
    expect((await send(1)).status).toBe(503);
    await t.database.db
      .update(rateLimits)
      .set({ windowStart: sql`now() - interval '61 minutes'`, expiresAt: sql`now() - interval '1 minute'` })
      .where(sql`${rateLimits.bucket} = 'sms-spend:hour'`);
    expect((await send(1)).status).toBe(201);
  });

  it('gives a key back when no provider took its SMS: an outage does not spend the cap', async () => {
    t = await startApp({ SMS_MAX_PER_HOUR: '1' });
    t.sms.failWith = new SmsSendError('recording', 'simulated outage');
    expect((await send(0)).status).toBe(503);
    expect((await send(0)).status).toBe(503);
    t.sms.failWith = undefined;
    expect((await send(0)).status).toBe(201);
    expect((await send(1)).status).toBe(503);
  });

  it('counts nothing when 0', async () => {
    t = await startApp({ SMS_MAX_PER_HOUR: '0', SMS_MAX_PER_DAY: '0' });
    for (let i = 0; i < 5; i++) expect((await send(i)).status).toBe(201);
    const rows = await t.database.db.select().from(rateLimits).where(sql`${rateLimits.bucket} like 'sms-spend:%'`);
    expect(rows).toEqual([]);
  });

  it('lets exactly the cap through when requests arrive together', async () => {
    t = await startApp({ SMS_MAX_PER_HOUR: '4' });
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => send(i)));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(4);
    expect(answers.filter((a) => a.status === 503)).toHaveLength(8);
    expect(t.sms.sent).toHaveLength(4);
  });
});

describe('the daily spend cap', () => {
  it('answers 503 once SMS_MAX_PER_DAY keys went out, waiting for the day to end', async () => {
    t = await startApp({ SMS_MAX_PER_HOUR: '0', SMS_MAX_PER_DAY: '2' });
    expect((await send(0)).status).toBe(201);
    expect((await send(1)).status).toBe(201);
    const refused = await send(2, { post: (p, b) => t.post(p, b, { 'accept-language': 'en' }) } as TestApp);
    expect(refused.status).toBe(503);
    expect(refused.body.detail).toMatch(/^Verification SMS are not being sent right now\. Try again in \d+ seconds\.$/);
    expect(refused.body.code).toBe('sms_spend_cap');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(86_000);
    expect(await refusedByCap('day')).toBe(1);
  });

  it('is refused by the tightest cap: a full hour inside an open day waits for the hour', async () => {
    t = await startApp({ SMS_MAX_PER_HOUR: '1', SMS_MAX_PER_DAY: '5' });
    expect((await send(0)).status).toBe(201);
    const refused = await send(1);
    expect(refused.status).toBe(503);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(3600);
  });
});

describe('two instances on one database', () => {
  it('share one cap: of requests spread over both, exactly the cap is sent', async () => {
    const { url, database, drop } = await openTestDatabase();
    // On PostgreSQL each instance has its own pool, as two processes would; PGlite is in-process.
    const second = database.kind === 'postgres' ? await openDatabase({ url, poolSize: 5, poolMode: testPoolMode }) : database;
    const config = testConfig({ SMS_MAX_PER_HOUR: '5' });
    const smsA = new RecordingSms();
    const smsB = new RecordingSms();
    const a = await buildApp({ config, database, sms: smsA, logger: false });
    const b = await buildApp({ config, database: second, sms: smsB, logger: false });
    try {
      const [ha, hb] = [httpClient(a), httpClient(b)];
      const answers = await Promise.all(
        Array.from({ length: 16 }, (_, i) => (i % 2 ? ha : hb).post('/phone-verify', { phone_number: phone(i) })),
      );
      expect(answers.filter((r) => r.status === 201)).toHaveLength(5);
      expect(answers.filter((r) => r.status === 503)).toHaveLength(11);
      expect(smsA.sent.length + smsB.sent.length).toBe(5);
      // And later requests to either instance find it spent.
      expect((await ha.post('/phone-verify', { phone_number: phone(20) })).status).toBe(503);
      expect((await hb.post('/phone-verify', { phone_number: phone(21) })).status).toBe(503);
    } finally {
      await a.close();
      await b.close();
      if (second !== database) await second.close();
      await drop();
    }
  });
});

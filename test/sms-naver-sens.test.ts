import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';
import {
  type Answer,
  expectFailure,
  type FakeProvider,
  json,
  KEY,
  provider,
  type Received,
  refusedBaseUrl,
  startFake,
  TEXT,
} from './fake-provider.js';

const ACCESS = 'ncp_iam_BGASKR3fKGY0z8e2Qsa1';
const SECRET = 'ncp_iam_BGKSKR4FH9R28gEeNCAULe2Pbtp3QATqi';
const SERVICE = 'ncp:sms:kr:123456789012:demo';
const TO = '+821012345678';

/**
 * What SENS v2 "메시지 발송" documents: POST /sms/v2/services/{serviceId}/messages with the
 * API Gateway headers, the signature being base64 HMAC-SHA256 (secret key) of
 * "POST {uri}\n{timestamp}\n{accessKey}", recomputed here with node:crypto. Returns the
 * problems; `body` is the parsed JSON for the test to check.
 */
function check(r: Received): { problems: string[]; body: Record<string, unknown> | undefined } {
  const p: string[] = [];
  if (r.method !== 'POST') p.push(`method ${r.method}`);
  if (r.url !== `/sms/v2/services/${SERVICE}/messages`) p.push(`path ${r.url}`);
  if (r.headers['content-type'] !== 'application/json; charset=utf-8') p.push(`content-type ${r.headers['content-type']}`);
  if (r.headers['x-ncp-iam-access-key'] !== ACCESS) p.push('access key');
  const ts = String(r.headers['x-ncp-apigw-timestamp'] ?? '');
  // Milliseconds since the epoch, and the gateway refuses 5+ minutes of skew.
  if (!/^\d{13}$/.test(ts) || Math.abs(Date.now() - Number(ts)) > 5 * 60_000) p.push(`timestamp ${ts}`);
  const expected = createHmac('sha256', SECRET).update(`POST ${r.url}\n${ts}\n${ACCESS}`).digest('base64');
  if (r.headers['x-ncp-apigw-signature-v2'] !== expected) p.push('signature');
  let body: Record<string, unknown> | undefined;
  try {
    body = JSON.parse(r.body) as Record<string, unknown>;
  } catch {
    p.push('body is not JSON');
  }
  return { problems: p, body };
}

/** The gateway's answer to a bad signature. */
const authFailed = json(401, {
  error: { errorCode: '200', message: 'Authentication Failed', details: 'Invalid authentication information.' },
});

const accepted = json(202, {
  requestId: 'RSSA-1593848345548-1234-56789012-ABCDEFGH',
  requestTime: '2020-07-04T17:19:05.548',
  statusCode: '202',
  statusName: 'success',
});

let fake: FakeProvider | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const env = (baseUrl: string, extra: Record<string, string> = {}) => ({
  SMS_PROVIDER: 'naver-sens',
  NCP_ACCESS_KEY: ACCESS,
  NCP_SECRET_KEY: SECRET,
  NCP_SENS_SERVICE_ID: SERVICE,
  NCP_SENS_FROM: '02-1234-5678',
  NCP_SENS_BASE_URL: baseUrl,
  SMS_TIMEOUT_MS: '2000',
  ...extra,
});

/** A fake that checks the request like SENS, records the bodies, then gives `answer` (or 202). */
async function sens(answer?: (r: Received) => Answer) {
  const seen: string[][] = [];
  const bodies: Record<string, unknown>[] = [];
  fake = await startFake((r) => {
    const { problems, body } = check(r);
    seen.push(problems);
    if (body) bodies.push(body);
    if (problems.length) return authFailed;
    return answer ? answer(r) : accepted;
  });
  return { fake, seen, bodies };
}

describe('naver-sens provider', () => {
  it('sends a signed SMS v2 request; 202 with statusCode "202" is success', async () => {
    const { fake, seen, bodies } = await sens();
    const sms = provider(env(fake.baseUrl));
    expect(sms.name).toBe('naver-sens');
    await sms.send(TO, TEXT);
    expect(seen).toEqual([[]]);
    expect(bodies).toEqual([
      {
        type: 'SMS',
        contentType: 'COMM',
        countryCode: '82',
        from: '0212345678', // digits only, as SENS takes it
        content: TEXT,
        messages: [{ to: '01012345678' }], // domestic form, leading 0
      },
    ]);
  });

  it('sends SMS up to 90 EUC-KR bytes and LMS beyond', async () => {
    const { fake, seen, bodies } = await sens();
    const sms = provider(env(fake.baseUrl));
    await sms.send(TO, '가'.repeat(45)); // 90 bytes
    await sms.send(TO, `${'가'.repeat(45)}a`); // 91 bytes
    await sms.send(TO, 'a'.repeat(90));
    expect(seen).toEqual([[], [], []]);
    expect(bodies.map((b) => b.type)).toEqual(['SMS', 'LMS', 'SMS']);
  });

  it('refuses text over the 2,000-byte LMS limit without calling SENS', async () => {
    const { fake } = await sens();
    const long = `${KEY} ${'가'.repeat(1000)}`;
    await expectFailure(provider(env(fake.baseUrl)).send(TO, long), 'naver-sens', /over the 2000-byte LMS limit/, long);
    expect(fake.received).toHaveLength(0);
  });

  it('splits a foreign number into countryCode and national number', async () => {
    const { fake, seen, bodies } = await sens();
    await provider(env(fake.baseUrl)).send('+819012345678', TEXT);
    expect(seen).toEqual([[]]);
    expect(bodies[0]).toMatchObject({ countryCode: '81', messages: [{ to: '9012345678' }] });
  });

  it('refuses a recipient that is not E.164 without calling SENS', async () => {
    const { fake } = await sens();
    await expectFailure(provider(env(fake.baseUrl)).send('01012345678', TEXT), 'naver-sens', /not an E\.164 number/);
    expect(fake.received).toHaveLength(0);
  });

  it('signs the path as sent when NCP_SENS_BASE_URL has a prefix', async () => {
    const seen: string[][] = [];
    fake = await startFake((r) => {
      const ts = String(r.headers['x-ncp-apigw-timestamp']);
      const expected = createHmac('sha256', SECRET).update(`POST ${r.url}\n${ts}\n${ACCESS}`).digest('base64');
      seen.push([r.url, r.headers['x-ncp-apigw-signature-v2'] === expected ? 'signed' : 'bad signature']);
      return accepted;
    });
    await provider(env(`${fake.baseUrl}/gw/`)).send(TO, TEXT);
    expect(seen).toEqual([[`/gw/sms/v2/services/${SERVICE}/messages`, 'signed']]);
  });

  it('fails when the secret key is wrong (the fake checks the signature like the gateway)', async () => {
    const { fake } = await sens();
    const err = await expectFailure(
      provider(env(fake.baseUrl, { NCP_SECRET_KEY: 'not-the-secret' })).send(TO, TEXT),
      'naver-sens',
      /answered HTTP 401 \(200 Authentication Failed Invalid authentication information\.\)/,
    );
    expect(err.status).toBe(401);
  });

  it('fails on a 4xx, cutting the text and key out of an error that echoes them', async () => {
    const { fake } = await sens(() =>
      json(400, { error: { errorCode: '400', message: 'Bad Request', details: `content "${TEXT}" (${KEY}) refused` } }),
    );
    const err = await expectFailure(provider(env(fake.baseUrl)).send(TO, TEXT), 'naver-sens', /answered HTTP 400 \(400 Bad Request /);
    expect(err.message).toContain('[redacted]');
  });

  it('fails on a 5xx, even without a JSON body', async () => {
    const { fake } = await sens(() => ({ status: 500, body: 'Internal Server Error', contentType: 'text/plain' }));
    await expectFailure(provider(env(fake.baseUrl)).send(TO, TEXT), 'naver-sens', /answered HTTP 500$/);
  });

  it('fails when SENS does not answer within SMS_TIMEOUT_MS', async () => {
    const { fake } = await sens(() => undefined);
    await expectFailure(
      provider(env(fake.baseUrl, { SMS_TIMEOUT_MS: '200' })).send(TO, TEXT),
      'naver-sens',
      /no answer within 200 ms/,
    );
  });

  it('fails on a 202 whose body is not JSON', async () => {
    const { fake } = await sens(() => ({ status: 202, body: 'accepted', contentType: 'text/plain' }));
    await expectFailure(provider(env(fake.baseUrl)).send(TO, TEXT), 'naver-sens', /answered HTTP 202 with a body that is not a JSON object/);
  });

  it('fails on a 202 whose statusCode is not "202"', async () => {
    const { fake } = await sens(() => json(202, { requestId: 'x', statusCode: '400', statusName: 'fail' }));
    await expectFailure(provider(env(fake.baseUrl)).send(TO, TEXT), 'naver-sens', /not accepted \(statusCode\/statusName: 400 fail\)/);
  });

  it('fails on a 202 without statusCode', async () => {
    const { fake } = await sens(() => json(202, { requestId: 'x' }));
    await expectFailure(provider(env(fake.baseUrl)).send(TO, TEXT), 'naver-sens', /not accepted \(statusCode\/statusName: missing\)/);
  });

  it('fails on a success code SENS does not use for sending (200)', async () => {
    const { fake } = await sens(() => json(200, { statusCode: '202', statusName: 'success' }));
    await expectFailure(provider(env(fake.baseUrl)).send(TO, TEXT), 'naver-sens', /answered HTTP 200/);
  });

  it('fails when the connection is refused', async () => {
    await expectFailure(provider(env(await refusedBaseUrl())).send(TO, TEXT), 'naver-sens', /request failed/);
  });
});

describe('naver-sens configuration', () => {
  it('loadConfig refuses SMS_PROVIDER=naver-sens without its variables, naming them', () => {
    let err: unknown;
    try {
      loadConfig({ NODE_ENV: 'test', SECRET_KEY: 'x'.repeat(40), SMS_PROVIDER: 'naver-sens', NCP_ACCESS_KEY: ACCESS });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).problems).toContain(
      'SMS_PROVIDER=naver-sens needs NCP_SECRET_KEY, NCP_SENS_SERVICE_ID, NCP_SENS_FROM',
    );
  });

  it('refuses a service ID that could not be a SENS service ID', () => {
    expect(() => provider(env('https://sens.apigw.ntruss.com', { NCP_SENS_SERVICE_ID: 'ncp:sms/../x' }))).toThrow(
      /NCP_SENS_SERVICE_ID/,
    );
  });
});

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
import { buildApp } from '../src/app.js';
import { startApp, useFileDatabase } from './helpers.js';
import { httpClient } from './http-client.js';

useFileDatabase();

const API_KEY = 'NCSAYU7YDBXYORXC';
const API_SECRET = 'QWERTYUIOPASDFGHJKLZXCVBNM123456';
const FROM = '029302266';
const TO = '+821012345678';

const AUTH = /^HMAC-SHA256 apiKey=([^,\s]+), date=([^,\s]+), salt=([^,\s]+), signature=([0-9a-f]+)$/;

/**
 * What SOLAPI documents for "단일 메시지" and its API-key authentication: POST
 * /messages/v4/send, JSON, and `Authorization: HMAC-SHA256 apiKey=…, date=<ISO 8601>,
 * salt=<12-64 chars>, signature=<hex HMAC-SHA256(apiSecret, date + salt)>` with the date
 * within 15 minutes. The signature is recomputed here with node:crypto.
 */
function check(r: Received): { problems: string[]; body: unknown; signature: string } {
  const p: string[] = [];
  if (r.method !== 'POST') p.push(`method ${r.method}`);
  if (r.url !== '/messages/v4/send') p.push(`path ${r.url}`);
  if (!/^application\/json\b/.test(r.headers['content-type'] ?? '')) p.push(`content-type ${r.headers['content-type']}`);
  const m = AUTH.exec(r.headers.authorization ?? '');
  let signature = '';
  if (!m) {
    p.push(`authorization ${r.headers.authorization}`);
  } else {
    const [, apiKey, date, salt, sig] = m as unknown as [string, string, string, string, string];
    signature = sig;
    if (apiKey !== API_KEY) p.push('apiKey');
    // ISO 8601 in UTC, and SOLAPI answers RequestTimeTooSkewed beyond ±15 minutes.
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(date) || Math.abs(Date.now() - Date.parse(date)) > 15 * 60_000) {
      p.push(`date ${date}`);
    }
    if (salt.length < 12 || salt.length > 64) p.push(`salt length ${salt.length}`);
    const expected = createHmac('sha256', API_SECRET).update(date + salt).digest('hex');
    if (sig !== expected) p.push('signature');
  }
  let body: unknown;
  try {
    body = JSON.parse(r.body);
  } catch {
    p.push('body is not JSON');
  }
  return { problems: p, body, signature };
}

const signatureMismatch = json(403, {
  errorCode: 'SignatureDoesNotMatch',
  errorMessage: '생성한 시그니처가 SOLAPI 서버와 일치하지 않습니다.',
});

/** The documented sample response of 단일 메시지. */
const accepted = json(200, {
  groupId: 'G4V20211116140944NLZUCJOCVNOYW9Y',
  to: '01012345678',
  from: FROM,
  type: 'SMS',
  statusMessage: '정상 접수(이통사로 접수 예정) ',
  country: '82',
  messageId: 'M4V20211116140944VNOQH1HURYHEWL8',
  statusCode: '2000',
  accountId: '12925149',
});

let fake: FakeProvider | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const env = (baseUrl: string, extra: Record<string, string> = {}) => ({
  SMS_PROVIDER: 'solapi',
  SOLAPI_API_KEY: API_KEY,
  SOLAPI_API_SECRET: API_SECRET,
  SOLAPI_FROM: '02-930-2266',
  SOLAPI_BASE_URL: baseUrl,
  SMS_TIMEOUT_MS: '2000',
  ...extra,
});

/** A fake that checks the request like SOLAPI, records bodies and signatures, then gives `answer` (or 200). */
async function solapi(answer?: (r: Received) => Answer) {
  const seen: string[][] = [];
  const bodies: unknown[] = [];
  const signatures: string[] = [];
  fake = await startFake((r) => {
    const { problems, body, signature } = check(r);
    seen.push(problems);
    bodies.push(body);
    signatures.push(signature);
    if (problems.length) return signatureMismatch;
    return answer ? answer(r) : accepted;
  });
  return { fake, seen, bodies, signatures };
}

describe('solapi provider', () => {
  it('sends one message to /messages/v4/send with the HMAC-SHA256 Authorization; 200 + statusCode 2000 is success', async () => {
    const { fake, seen, bodies } = await solapi();
    const sms = provider(env(fake.baseUrl));
    expect(sms.name).toBe('solapi');
    await sms.send(TO, TEXT);
    expect(seen).toEqual([[]]);
    // National digits, sender without '-', no type: SOLAPI detects SMS/LMS itself.
    expect(bodies).toEqual([{ message: { to: '01012345678', from: FROM, text: TEXT } }]);
  });

  it('signs every request afresh (SOLAPI refuses a signature seen in the last 15 minutes)', async () => {
    const { fake, seen, signatures } = await solapi();
    const sms = provider(env(fake.baseUrl));
    await sms.send(TO, TEXT);
    await sms.send(TO, TEXT);
    expect(seen).toEqual([[], []]);
    expect(signatures[0]).not.toBe(signatures[1]);
  });

  it('sends a foreign number with its country code in `country`', async () => {
    const { fake, seen, bodies } = await solapi();
    await provider(env(fake.baseUrl)).send('+12025550123', TEXT);
    expect(seen).toEqual([[]]);
    expect(bodies).toEqual([{ message: { to: '2025550123', from: FROM, text: TEXT, country: '1' } }]);
  });

  it('fails when the API secret is wrong (the fake checks the signature like SOLAPI)', async () => {
    const { fake } = await solapi();
    const err = await expectFailure(
      provider(env(fake.baseUrl, { SOLAPI_API_SECRET: 'not-the-secret-at-all' })).send(TO, TEXT),
      'solapi',
      /answered HTTP 403 \(SignatureDoesNotMatch /,
    );
    expect(err.status).toBe(403);
  });

  it('fails on a 4xx with errorCode/errorMessage, cutting out an echoed text and key', async () => {
    const { fake } = await solapi(() =>
      json(400, { errorCode: 'ValidationError', errorMessage: `text "${TEXT}" has invalid key ${KEY}` }),
    );
    const err = await expectFailure(provider(env(fake.baseUrl)).send(TO, TEXT), 'solapi', /answered HTTP 400 \(ValidationError text /);
    expect(err.message).toContain('[redacted]');
  });

  it('fails on a 5xx, even without a JSON body', async () => {
    const { fake } = await solapi(() => ({ status: 502, body: '<html>Bad Gateway</html>', contentType: 'text/html' }));
    await expectFailure(provider(env(fake.baseUrl)).send(TO, TEXT), 'solapi', /answered HTTP 502$/);
  });

  it('fails when SOLAPI does not answer within SMS_TIMEOUT_MS', async () => {
    const { fake } = await solapi(() => undefined);
    await expectFailure(provider(env(fake.baseUrl, { SMS_TIMEOUT_MS: '200' })).send(TO, TEXT), 'solapi', /no answer within 200 ms/);
  });

  it('fails on a 200 whose body is not JSON', async () => {
    const { fake } = await solapi(() => ({ status: 200, body: 'OK', contentType: 'text/plain' }));
    await expectFailure(provider(env(fake.baseUrl)).send(TO, TEXT), 'solapi', /answered HTTP 200 with a body that is not a JSON object/);
  });

  it('fails on a 200 whose statusCode is not 2000', async () => {
    const { fake } = await solapi(() => json(200, { messageId: 'M4V', statusCode: '3059', statusMessage: '변작된 발신번호' }));
    await expectFailure(provider(env(fake.baseUrl)).send(TO, TEXT), 'solapi', /did not accept the message \(3059 변작된 발신번호\)/);
  });

  it('fails on a 200 without statusCode', async () => {
    const { fake } = await solapi(() => json(200, { groupId: 'G4V' }));
    await expectFailure(provider(env(fake.baseUrl)).send(TO, TEXT), 'solapi', /did not accept the message \(no statusCode\)/);
  });

  it('fails when the connection is refused', async () => {
    await expectFailure(provider(env(await refusedBaseUrl())).send(TO, TEXT), 'solapi', /request failed/);
  });
});

describe('solapi configuration', () => {
  it('loadConfig refuses SMS_PROVIDER=solapi without its variables, naming them', () => {
    let err: unknown;
    try {
      loadConfig({ NODE_ENV: 'test', SECRET_KEY: 'x'.repeat(40), SMS_PROVIDER: 'solapi' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).message).toContain('SMS_PROVIDER=solapi needs SOLAPI_API_KEY, SOLAPI_API_SECRET, SOLAPI_FROM');
  });
});

/**
 * KakaoTalk AlimTalk through SOLAPI (issue 18): the same messages v4 endpoint and signature,
 * with `type: "ATA"` and `kakaoOptions` naming the channel, the approved template and its
 * variables, and `disableSms: false` so SOLAPI falls back to `text` as an SMS.
 */
describe('solapi AlimTalk', () => {
  const PF_ID = 'KA01PF200323182344986oTFz9CIabcx';
  const TEMPLATE_ID = 'KA01TP200323182345741y9yF20aabcd';
  const kakao = { SOLAPI_KAKAO_PF_ID: PF_ID, SOLAPI_KAKAO_TEMPLATE_ID: TEMPLATE_ID };
  const alimtalk = (text: string, key: string, variable = '#{인증번호}') => ({
    message: {
      to: '01012345678',
      from: FROM,
      text,
      type: 'ATA',
      kakaoOptions: { pfId: PF_ID, templateId: TEMPLATE_ID, variables: { [variable]: key }, disableSms: false },
    },
  });

  it('sends a key to a Korean number as an AlimTalk with the key in the template variable and SMS fallback', async () => {
    const { fake, seen, bodies } = await solapi();
    await provider(env(fake.baseUrl, kakao)).send(TO, TEXT, { key: KEY, lang: 'ko' });
    expect(seen).toEqual([[]]);
    expect(bodies).toEqual([alimtalk(TEXT, KEY)]);
  });

  it('puts the key in SOLAPI_KAKAO_KEY_VARIABLE when the template names it otherwise', async () => {
    const { fake, bodies } = await solapi();
    await provider(env(fake.baseUrl, { ...kakao, SOLAPI_KAKAO_KEY_VARIABLE: 'code' })).send(TO, TEXT, { key: KEY, lang: 'ko' });
    expect(bodies).toEqual([alimtalk(TEXT, KEY, '#{code}')]);
  });

  it('sends an SMS to a foreign number: AlimTalk reaches Korean numbers only', async () => {
    const { fake, bodies } = await solapi();
    await provider(env(fake.baseUrl, kakao)).send('+12025550123', TEXT, { key: KEY, lang: 'en' });
    expect(bodies).toEqual([{ message: { to: '2025550123', from: FROM, text: TEXT, country: '1' } }]);
  });

  it('is refused at start with only one of the channel and the template', () => {
    const base = { ...env('https://api.solapi.com'), NODE_ENV: 'test' };
    expect(() => loadConfig({ ...base, SOLAPI_KAKAO_PF_ID: PF_ID })).toThrow(
      /SOLAPI_KAKAO_PF_ID, SOLAPI_KAKAO_TEMPLATE_ID: AlimTalk needs both/,
    );
  });

  it('delivers the key POST /phone-verify made, which then confirms', async () => {
    const { fake, seen, bodies } = await solapi();
    const t = await startApp(env(fake.baseUrl, kakao));
    const app = await buildApp({ config: t.config, database: t.database, logger: false });
    try {
      const h = httpClient(app);
      expect((await h.post('/phone-verify', { phone_number: '010-1234-5678' })).status).toBe(201);
      expect(seen).toEqual([[]]);
      const sent = bodies[0] as ReturnType<typeof alimtalk>;
      const key = sent.message.kakaoOptions.variables['#{인증번호}']!;
      expect(key).toMatch(/^\d{6}$/);
      expect(sent).toEqual(alimtalk(`[User Demo] 인증번호 [${key}]를 입력해주세요.`, key));
      expect((await h.post('/phone-verify/confirm', { phone_number: '010-1234-5678', key })).status).toBe(200);
    } finally {
      await app.close();
      await t.close();
    }
  });
});

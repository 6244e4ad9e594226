import { Buffer } from 'node:buffer';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';
import { createSmsProvider } from '../src/sms/create-provider.js';
import {
  type Answer,
  expectFailure,
  type FakeProvider,
  json,
  KEY,
  provider,
  type Received,
  refusedBaseUrl,
  smsConfig,
  startFake,
  TEXT,
} from './fake-provider.js';

const SID = 'AC0123456789abcdef0123456789abcdef';
const TOKEN = 'auth-token-0123456789abcdef';
const FROM = '+15005550006';
const TO = '+821012345678';

/**
 * What Twilio documents for "Create a Message": POST to the account's Messages.json with
 * HTTP Basic (Account SID : Auth Token) and a form-encoded To/From/Body. Returns what is
 * wrong with the request; empty when Twilio would take it.
 */
function problems(r: Received, expected: Record<string, string>): string[] {
  const p: string[] = [];
  if (r.method !== 'POST') p.push(`method ${r.method}`);
  if (r.url !== `/2010-04-01/Accounts/${SID}/Messages.json`) p.push(`path ${r.url}`);
  if (!/^application\/x-www-form-urlencoded\b/.test(r.headers['content-type'] ?? '')) {
    p.push(`content-type ${r.headers['content-type']}`);
  }
  // Decode the credentials ourselves rather than rebuilding the header the way the code does.
  const auth = r.headers.authorization ?? '';
  const m = /^Basic ([A-Za-z0-9+/=]+)$/.exec(auth);
  const decoded = m ? Buffer.from(m[1]!, 'base64').toString('utf8') : '';
  if (decoded !== `${SID}:${TOKEN}`) p.push(`authorization ${auth}`);
  const form = Object.fromEntries(new URLSearchParams(r.body));
  if (JSON.stringify(form) !== JSON.stringify(expected)) p.push(`form ${JSON.stringify(form)}`);
  return p;
}

/** Twilio's own answer to a bad Basic auth. */
const authenticateError = json(401, {
  code: 20003,
  message: 'Authenticate',
  more_info: 'https://www.twilio.com/docs/errors/20003',
  status: 401,
});

const created = (to: string, body: string) =>
  json(201, {
    account_sid: SID,
    api_version: '2010-04-01',
    body,
    direction: 'outbound-api',
    error_code: null,
    error_message: null,
    from: FROM,
    num_segments: '1',
    sid: 'SM1f0e8ae6ade43cb3c0ce4525424e404f',
    status: 'queued',
    to,
    uri: `/2010-04-01/Accounts/${SID}/Messages/SM1f0e8ae6ade43cb3c0ce4525424e404f.json`,
  });

let fake: FakeProvider | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const env = (baseUrl: string, extra: Record<string, string> = {}) => ({
  SMS_PROVIDER: 'twilio',
  TWILIO_ACCOUNT_SID: SID,
  TWILIO_AUTH_TOKEN: TOKEN,
  TWILIO_FROM: FROM,
  TWILIO_BASE_URL: baseUrl,
  SMS_TIMEOUT_MS: '2000',
  ...extra,
});

/** A fake that checks the request like Twilio, then gives `answer` (or 201 Created). */
async function twilio(answer?: (r: Received) => Answer, expected = { To: TO, From: FROM, Body: TEXT }) {
  const seen: string[][] = [];
  fake = await startFake((r) => {
    const p = problems(r, expected);
    seen.push(p);
    if (p.length) return authenticateError;
    return answer ? answer(r) : created(expected.To, expected.Body);
  });
  return { fake, seen };
}

describe('twilio provider', () => {
  it('creates a Message: Basic auth, form-encoded To/From/Body, 201 is success', async () => {
    const { fake, seen } = await twilio();
    const sms = provider(env(fake.baseUrl));
    expect(sms.name).toBe('twilio');
    await sms.send(TO, TEXT);
    expect(seen).toEqual([[]]);
    expect(fake.received).toHaveLength(1);
  });

  it('form-encodes characters that mean something in a form', async () => {
    const text = 'a&b=c+d %20 100% 인증 [123456]';
    const { fake, seen } = await twilio(undefined, { To: TO, From: FROM, Body: text });
    await provider(env(fake.baseUrl)).send(TO, text);
    expect(seen).toEqual([[]]);
  });

  it('sends a Messaging Service SID as MessagingServiceSid instead of From', async () => {
    const mg = 'MG0123456789abcdef0123456789abcdef';
    const seen: string[][] = [];
    fake = await startFake((r) => {
      const form = Object.fromEntries(new URLSearchParams(r.body));
      const p = form.MessagingServiceSid === mg && form.From === undefined ? [] : [JSON.stringify(form)];
      seen.push(p);
      return p.length ? json(400, { code: 21603, message: "A 'From' phone number is required.", status: 400 }) : created(TO, TEXT);
    });
    await provider(env(fake.baseUrl, { TWILIO_FROM: mg })).send(TO, TEXT);
    expect(seen).toEqual([[]]);
  });

  it('keeps a path prefix in TWILIO_BASE_URL and ignores a trailing slash', async () => {
    const seen: string[] = [];
    fake = await startFake((r) => {
      seen.push(r.url);
      return created(TO, TEXT);
    });
    await provider(env(`${fake.baseUrl}/proxy/`)).send(TO, TEXT);
    expect(seen).toEqual([`/proxy/2010-04-01/Accounts/${SID}/Messages.json`]);
  });

  it('fails on a 4xx with Twilio error JSON, quoting its code and message', async () => {
    const { fake } = await twilio(() =>
      json(400, {
        code: 21211,
        message: "The 'To' number +821012345678 is not a valid phone number.",
        more_info: 'https://www.twilio.com/docs/errors/21211',
        status: 400,
      }),
    );
    const err = await expectFailure(provider(env(fake.baseUrl)).send(TO, TEXT), 'twilio', /answered HTTP 400 \(21211 The 'To' number/);
    expect(err.status).toBe(400);
  });

  it('fails when the credentials are wrong (the fake checks them like Twilio)', async () => {
    const { fake } = await twilio();
    await expectFailure(
      provider(env(fake.baseUrl, { TWILIO_AUTH_TOKEN: 'wrong-token' })).send(TO, TEXT),
      'twilio',
      /answered HTTP 401 \(20003 Authenticate\)/,
    );
  });

  it('cuts the SMS text and the key out of an error message that echoes them', async () => {
    const { fake } = await twilio(() =>
      json(400, { code: 21617, message: `Body "${TEXT}" rejected; key ${KEY}`, status: 400 }),
    );
    const err = await expectFailure(provider(env(fake.baseUrl)).send(TO, TEXT), 'twilio', /answered HTTP 400 \(21617 /);
    expect(err.message).toContain('[redacted]');
  });

  it('fails on a 5xx, even without a JSON body', async () => {
    const { fake } = await twilio(() => ({ status: 503, body: '<html>Service Unavailable</html>', contentType: 'text/html' }));
    const err = await expectFailure(provider(env(fake.baseUrl)).send(TO, TEXT), 'twilio', /answered HTTP 503$/);
    expect(err.status).toBe(503);
  });

  it('fails when Twilio does not answer within SMS_TIMEOUT_MS', async () => {
    const { fake } = await twilio(() => undefined);
    await expectFailure(
      provider(env(fake.baseUrl, { SMS_TIMEOUT_MS: '200' })).send(TO, TEXT),
      'twilio',
      /no answer within 200 ms/,
    );
    expect(fake.received).toHaveLength(1);
  });

  it('fails on a 201 whose body is not JSON', async () => {
    const { fake } = await twilio(() => ({ status: 201, body: `<Message><Body>${TEXT}</Body></Message>`, contentType: 'application/xml' }));
    await expectFailure(provider(env(fake.baseUrl)).send(TO, TEXT), 'twilio', /answered HTTP 201 with a body that is not a JSON object/);
  });

  it('fails on a 201 without a message sid', async () => {
    const { fake } = await twilio(() => json(201, { status: 'queued', body: TEXT }));
    await expectFailure(provider(env(fake.baseUrl)).send(TO, TEXT), 'twilio', /without a message sid/);
  });

  it('fails on a 201 whose message is already failed', async () => {
    const { fake } = await twilio(() =>
      json(201, { sid: 'SMdeadbeef', status: 'failed', error_code: 30008, error_message: 'Unknown error', body: TEXT }),
    );
    await expectFailure(provider(env(fake.baseUrl)).send(TO, TEXT), 'twilio', /created message SMdeadbeef as failed \(30008 Unknown error\)/);
  });

  it('fails on a success code Twilio does not use for creation (200)', async () => {
    const { fake } = await twilio(() => json(200, { sid: 'SMdeadbeef', status: 'queued' }));
    await expectFailure(provider(env(fake.baseUrl)).send(TO, TEXT), 'twilio', /answered HTTP 200/);
  });

  it('fails when the connection is refused', async () => {
    await expectFailure(provider(env(await refusedBaseUrl())).send(TO, TEXT), 'twilio', /request failed/);
  });
});

describe('twilio configuration', () => {
  it('loadConfig refuses SMS_PROVIDER=twilio without its variables, naming them', () => {
    const load = () =>
      loadConfig({ NODE_ENV: 'test', SECRET_KEY: 'x'.repeat(40), SMS_PROVIDER: 'twilio', TWILIO_ACCOUNT_SID: SID });
    expect(load).toThrow(ConfigError);
    try {
      load();
    } catch (err) {
      const problems = (err as ConfigError).problems.join('\n');
      expect(problems).toContain('SMS_PROVIDER=twilio needs TWILIO_AUTH_TOKEN, TWILIO_FROM');
      expect(problems).not.toContain('TWILIO_ACCOUNT_SID');
    }
  });

  it('createSmsProvider refuses a hand-built config without credentials', () => {
    const config = { ...smsConfig(env('https://api.twilio.com')), twilio: { baseUrl: 'https://api.twilio.com' } };
    expect(() => createSmsProvider(config, {} as never)).toThrow(/TWILIO_ACCOUNT_SID/);
  });
});

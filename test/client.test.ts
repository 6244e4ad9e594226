import openapiTS, { astToString } from 'openapi-typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccountClient, errorCode } from '../client/src/index.js';
import { PASSWORD, startApp, type TestApp, useFileDatabase } from './helpers.js';

useFileDatabase();

const HEADER = [
  '// Generated from the service\'s GET /openapi.json by `npm run client:generate`; do not edit.',
  '// A test fails when this file and the running service\'s document disagree.',
  '',
].join('\n');

/** The client's types for an OpenAPI document, as `npm run client:generate` writes them. */
async function clientTypes(document: object): Promise<string> {
  return HEADER + astToString(await openapiTS(document as Parameters<typeof openapiTS>[0], { silent: true }));
}

describe('the typed client', () => {
  let t: TestApp;
  let origin: string;

  beforeAll(async () => {
    t = await startApp();
    origin = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => t.close());

  // `npm run client:generate` is this test with --update: it rewrites the file from the document.
  it("matches the running service's OpenAPI document", async () => {
    const document = (await t.app.inject({ url: '/openapi.json' })).json() as object;
    await expect(await clientTypes(document), 'client/src/schema.ts is stale: run npm run client:generate').toMatchFileSnapshot(
      '../client/src/schema.ts',
    );
  });

  it('signs up, logs in and reads the user with typed calls, errors in the chosen language', async () => {
    const api = createAccountClient({ baseUrl: origin, language: 'en' });
    const sent = await api.POST('/api/v1/phone-verify', { body: { phone_number: '010-1234-5678' } });
    expect(sent.response.status).toBe(201);
    const wrong = await api.POST('/api/v1/phone-verify/confirm', { body: { phone_number: '010-1234-5678', key: 'abc' } });
    expect(wrong.error).toEqual({ key: ['A valid integer is required.'] });
    expect(errorCode(wrong.error)).toBeUndefined();

    const confirmed = await api.POST('/api/v1/phone-verify/confirm', {
      body: { phone_number: '010-1234-5678', key: t.sms.lastKey() },
    });
    const token = confirmed.data!.token;
    const user = await api.POST('/api/v1/users', {
      body: { email: 'kim@example.com', password: PASSWORD, phone_number: '010-1234-5678', token },
    });
    expect(user.data).toMatchObject({ email: 'kim@example.com', phone_number: '01012345678' });

    const login = await api.POST('/api/v1/login', { body: { email: 'kim@example.com', password: PASSWORD } });
    // A user without a second factor gets the tokens; the type also allows POST /login/mfa's challenge.
    if (!login.data || !('access_token' in login.data)) throw new Error(`login answered ${login.response.status}`);
    const access = login.data.access_token;
    const me = await createAccountClient({ baseUrl: origin, accessToken: () => access }).GET('/api/v1/users/me');
    expect(me.data).toMatchObject({ id: user.data!.id, email: 'kim@example.com' });

    const anonymous = await createAccountClient({ baseUrl: origin }).GET('/api/v1/users/me');
    expect(anonymous.response.status).toBe(401);
    expect(anonymous.error).toEqual({ detail: '자격 인증데이터(authentication credentials)가 제공되지 않았습니다.', code: 'not_authenticated' });
    const code = errorCode(anonymous.error);
    expect(code).toBe('not_authenticated');
    // Typed as the route's own codes: one it never answers does not compile.
    // @ts-expect-error GET /users/me sends no SMS
    expect(code === 'sms_spend_cap').toBe(false);
  });
});

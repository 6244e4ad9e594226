import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { users } from '../src/db/schema/index.js';
import { cliFor } from './cli-helpers.js';
import { bearer, PASSWORD, startApp, type TestApp, useFileDatabase } from './helpers.js';

useFileDatabase();

/**
 * Issue 14: `name` and `nickname` never given (or given as null) are null, as the seed's
 * model stores them; an empty or blank one is none as well (docs/compatibility.md).
 */
let t: TestApp;
afterEach(async () => t?.close());

async function signUp(extra: Record<string, unknown>) {
  const token = await t.verifyPhone('010-1234-5678');
  return t.post('/users', { email: 'kim@example.com', password: PASSWORD, phone_number: '010-1234-5678', token, ...extra });
}

describe('name and nickname that were never given', () => {
  it('are null in the sign-up answer, in GET /users/me and in the database', async () => {
    t = await startApp();
    const res = await signUp({});
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: 1, email: 'kim@example.com', name: null, nickname: null, phone_number: '01012345678' });
    const { access } = await t.login({ email: 'kim@example.com', password: PASSWORD });
    expect((await t.get('/users/me', bearer(access))).body).toMatchObject({ name: null, nickname: null });
    const [row] = await t.database.db.select().from(users).where(eq(users.id, 1));
    expect(row).toMatchObject({ name: null, nickname: null });
  });

  it('given as null, empty or blank at sign-up, are null; other text is trimmed', async () => {
    t = await startApp();
    const res = await signUp({ name: null, nickname: '   ' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: null, nickname: null });
    await t.close();
    t = await startApp();
    expect((await signUp({ name: '', nickname: ' 동우 ' })).body).toMatchObject({ name: null, nickname: '동우' });
  });

  it('PATCH /users/me: null or "" clears a field, a field not given is kept', async () => {
    t = await startApp();
    await signUp({ name: '김동우', nickname: 'dongwoo' });
    const { access } = await t.login({ email: 'kim@example.com', password: PASSWORD });
    const cleared = await t.patch('/users/me', { name: null }, bearer(access));
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({ name: null, nickname: 'dongwoo' });
    expect((await t.patch('/users/me', { nickname: '' }, bearer(access))).body).toMatchObject({ name: null, nickname: null });
    expect((await t.patch('/users/me', { name: ' Kim ' }, bearer(access))).body).toMatchObject({ name: 'Kim', nickname: null });
    expect((await t.get('/users/me', bearer(access))).body).toMatchObject({ name: 'Kim', nickname: null });
  });

  it('the OpenAPI document says they may be null, in requests and answers', async () => {
    t = await startApp();
    const doc = (await t.get('/openapi.json')).body;
    const me = doc.paths['/api/v1/users/me'];
    const answer = me.get.responses['200'].content['application/json'].schema;
    expect(answer.properties.name.type).toEqual(['string', 'null']);
    expect(answer.required).toEqual(expect.arrayContaining(['name', 'nickname']));
    const request = me.patch.requestBody.content['application/json'].schema;
    expect(request.properties.nickname.anyOf).toEqual(expect.arrayContaining([{ type: 'null' }]));
  });

  it('the CLI shows them as null in --json and as "-" for people; create-admin without them stores null', async () => {
    t = await startApp();
    const cli = cliFor(t.database);
    expect((await cli('create-admin', '--email', 'boss@example.com', '--phone', '010-9999-8888', '--password', 'copper-Lantern-58')).code).toBe(0);
    await signUp({ nickname: 'dongwoo' });
    const listed = JSON.parse((await cli('users', 'list', '--json')).out);
    expect(listed.map((u: { name: unknown; nickname: unknown }) => [u.name, u.nickname])).toEqual([
      [null, null],
      [null, 'dongwoo'],
    ]);
    const shownJson = JSON.parse((await cli('users', 'show', 'kim@example.com', '--json')).out);
    expect(shownJson).toMatchObject({ name: null, nickname: 'dongwoo' });
    const shown = (await cli('users', 'show', 'kim@example.com')).out;
    expect(shown).toMatch(/^name +-$/m);
    expect(shown).toMatch(/^nickname +dongwoo$/m);
  });
});

import { eq, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { users } from '../src/db/schema/index.js';
import { cliFor } from './cli-helpers.js';
import { bearer, PASSWORD, startApp, type TestApp, useFileDatabase } from './helpers.js';

useFileDatabase();

/**
 * Issue 13, finding 13: terminal escape sequences in a name were accepted and printed raw by
 * `account-service users show`. Names refuse control characters, and the CLI prints
 * everything that came from the database or a user with its control characters escaped.
 */
let t: TestApp;
afterEach(async () => t?.close());

const ESCAPES = ['\u001b]0;pwned\u0007', '\u001b[2J\u001b[31mred', 'tab\there', 'back\u007fspace', 'csi\u009b31m', 'next\u0085line', 'line\nbreak'];
/** What must never reach a terminal raw: C0 (but the CLI's own line breaks), DEL, C1. */
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

describe('name and nickname refuse control characters', () => {
  it.each(ESCAPES)('PATCH /users/me refuses %j with 400 on the field, changing nothing', async (text) => {
    t = await startApp();
    await t.signUp();
    const { access } = await t.login({ email: 'kim@example.com', password: PASSWORD });
    const res = await t.patch('/users/me', { name: text, nickname: `ok ${text}` }, { ...bearer(access), 'accept-language': 'en' });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      name: ['This field may not contain control characters.'],
      nickname: ['This field may not contain control characters.'],
    });
    expect((await t.get('/users/me', bearer(access))).body).toMatchObject({ name: '김동우', nickname: 'dongwoo' });
  });

  it('sign-up refuses them too, in Korean by default, and keeps emoji, Hangul and right-to-left text', async () => {
    t = await startApp();
    const token = await t.verifyPhone();
    const body = { email: 'kim@example.com', password: PASSWORD, phone_number: '010-1234-5678', token };
    const refused = await t.post('/users', { ...body, nickname: '\u001b[5mblink' });
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({ nickname: ['이 필드에는 제어 문자를 쓸 수 없습니다.'] });
    const ok = await t.post('/users', { ...body, name: '김동우 😀', nickname: 'שלום' });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ name: '김동우 😀', nickname: 'שלום' });
  });
});

describe('the CLI prints what came from the database or a user safely', () => {
  const run = (...argv: string[]) => cliFor(t.database)(...argv);
  /** A row written before names refused control characters (or by any other hand). */
  async function hostileRow() {
    const { id } = await t.signUp();
    await t.database.db
      .update(users)
      .set({ name: '\u001b]0;pwned\u0007\u001b[2J', nickname: 'a\u009b31mb\nforged_line   yes', email: 'kim\u001b[8m@example.com' })
      .where(eq(users.id, id));
    return id;
  }

  it('users show, users list and their --json escape every control character', async () => {
    t = await startApp();
    const id = await hostileRow();
    for (const argv of [['users', 'show', String(id)], ['users', 'show', String(id), '--json'], ['users', 'list'], ['users', 'list', '--json']]) {
      const res = await run(...argv);
      expect(res.code, argv.join(' ')).toBe(0);
      expect(res.out, argv.join(' ')).not.toMatch(RAW_CONTROL);
    }
    const shown = (await run('users', 'show', String(id))).out;
    expect(shown).toContain('name           \\u001b]0;pwned\\u0007\\u001b[2J');
    expect(shown).toContain('nickname       a\\u009b31mb\\u000aforged_line   yes');
    expect(shown).not.toMatch(/^forged_line/m);
    // --json stays JSON that reads back as the stored text.
    const json = JSON.parse((await run('users', 'show', String(id), '--json')).out);
    expect(json).toMatchObject({ name: '\u001b]0;pwned\u0007\u001b[2J', nickname: 'a\u009b31mb\nforged_line   yes' });
    expect((await run('users', 'list')).out).toContain('kim\\u001b[8m@example.com');
  });

  it('escapes what the operator typed, in messages too', async () => {
    t = await startApp();
    const res = await run('users', 'show', 'nobody\u001b[2J@example.com');
    expect(res.code).toBe(1);
    expect(res.err).toBe('no user nobody\\u001b[2J@example.com');
    const unknown = await run('users', 'frob\u009bnicate');
    expect(unknown.err).not.toMatch(RAW_CONTROL);
    const admin = await run('create-admin', '--email', 'boss@example.com', '--phone', '010-9999-8888', '--password', 'copper-Lantern-58', '--name', 'Boss\u001b[31m');
    expect(admin).toMatchObject({ code: 1, err: 'name: This field may not contain control characters.' });
    expect(await rows()).toBe(0);
  });

  const rows = async () =>
    Number(((await t.database.db.execute(sql`select count(*)::int as n from users`)) as unknown as { rows: { n: number }[] }).rows[0]!.n);
});

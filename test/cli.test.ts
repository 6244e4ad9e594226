import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/run.js';
import { builtPackage, childEnv } from './build.js';
import { cliEnv, cliFor } from './cli-helpers.js';
import { bearer, PASSWORD, startApp, type TestApp, useFileDatabase } from './helpers.js';

useFileDatabase();

async function adminQuery(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

const ADMIN = { email: 'Admin@Example.com', phone: '010-9999-8888', password: 'copper-Lantern-58' };

describe('account-service CLI', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startApp();
  });
  afterEach(() => t.close());

  const run = (...argv: string[]) => cliFor(t.database)(...argv);
  const createAdmin = () =>
    run('create-admin', '--email', ADMIN.email, '--phone', ADMIN.phone, '--password', ADMIN.password, '--name', 'Boss');

  it('create-admin makes an active admin who can log in over HTTP', async () => {
    const created = await createAdmin();
    expect(created).toMatchObject({ code: 0, out: expect.stringMatching(/^admin \d+ created: Admin@Example.com$/) });

    const listed = await run('users', 'list', '--json');
    expect(JSON.parse(listed.out)).toEqual([
      expect.objectContaining({ email: ADMIN.email, phone_number: '+821099998888', is_admin: true, is_active: true, name: 'Boss' }),
    ]);
    const { access } = await t.login({ email: 'admin@example.com', password: ADMIN.password });
    expect((await t.get('/users/me', bearer(access))).body).toMatchObject({ email: ADMIN.email, phone_number: '01099998888' });
  });

  it('create-admin reads the password from stdin with --password-stdin, keeping it off the process list', async () => {
    const cli = cliFor(t.database, `${ADMIN.password}\n`);
    expect((await cli('create-admin', '--email', ADMIN.email, '--phone', ADMIN.phone, '--password-stdin')).code).toBe(0);
    await t.login({ email: ADMIN.email, password: ADMIN.password });
  });

  it('create-admin applies the password policy and refuses bad or taken emails and phones', async () => {
    const weak = await run('create-admin', '--email', ADMIN.email, '--phone', ADMIN.phone, '--password', 'password');
    expect(weak).toMatchObject({ code: 1, err: expect.stringMatching(/^password: This password is too common\./) });
    const similar = await run('create-admin', '--email', 'copperlantern@example.com', '--phone', ADMIN.phone, '--password', 'copperlantern');
    expect(similar).toMatchObject({ code: 1, err: expect.stringContaining('too similar') });
    const phone = await run('create-admin', '--email', ADMIN.email, '--phone', '02-123-4567', '--password', ADMIN.password);
    expect(phone).toMatchObject({ code: 1, err: expect.stringMatching(/^phone: /) });
    const email = await run('create-admin', '--email', 'not-an-email', '--phone', ADMIN.phone, '--password', ADMIN.password);
    expect(email).toMatchObject({ code: 1, err: expect.stringMatching(/^email: /) });

    expect((await createAdmin()).code).toBe(0);
    const again = await run('create-admin', '--email', 'ADMIN@example.com', '--phone', '010-1111-2222', '--password', ADMIN.password);
    expect(again).toMatchObject({ code: 1, err: 'an account with this email or phone number already exists' });
    expect(JSON.parse((await run('users', 'list', '--json')).out)).toHaveLength(1);
  });

  it('users show finds a user by id or by email, and never prints the password hash', async () => {
    const { id } = await t.signUp();
    await t.login({ email: 'kim@example.com', password: PASSWORD });
    const byEmail = await run('users', 'show', 'KIM@example.com');
    expect(byEmail.code).toBe(0);
    expect(byEmail.out).toMatch(/^id +\d+$/m);
    expect(byEmail.out).toMatch(/^password +argon2id$/m);
    expect(byEmail.out).toMatch(/^live_sessions +1$/m);
    expect(byEmail.out).not.toContain('$argon2');
    const byId = JSON.parse((await run('users', 'show', String(id), '--json')).out);
    expect(byId).toMatchObject({ id, email: 'kim@example.com', is_admin: false, live_sessions: 1 });
    expect(await run('users', 'show', 'nobody@example.com')).toMatchObject({ code: 1, err: 'no user nobody@example.com' });
  });

  it('users deactivate blocks login and revokes every session at once; users activate lets the user back', async () => {
    const { id } = await t.signUp();
    const { access, refresh } = await t.login({ email: 'kim@example.com', password: PASSWORD });

    expect(await run('users', 'deactivate', String(id))).toMatchObject({ code: 0, out: `user ${id} deactivated; 1 session(s) revoked` });
    expect((await t.get('/users/me', bearer(access))).status).toBe(401);
    expect((await t.post('/login/refresh', { refresh })).status).toBe(401);
    expect((await t.post('/login', { email: 'kim@example.com', password: PASSWORD })).status).toBe(401);

    expect(await run('users', 'activate', String(id))).toMatchObject({ code: 0, out: `user ${id} activated` });
    await t.login({ email: 'kim@example.com', password: PASSWORD });
    expect(await run('users', 'deactivate', '999999')).toMatchObject({ code: 1, err: 'no user 999999' });
  });

  it('sessions revoke logs a user out everywhere, and the account stays usable', async () => {
    const { id } = await t.signUp();
    const first = await t.login({ email: 'kim@example.com', password: PASSWORD });
    const second = await t.login({ email: 'kim@example.com', password: PASSWORD });

    expect(await run('sessions', 'revoke', String(id))).toMatchObject({ code: 0, out: `2 session(s) of user ${id} revoked` });
    expect((await t.get('/users/me', bearer(first.access))).status).toBe(401);
    expect((await t.get('/users/me', bearer(second.access))).status).toBe(401);
    await t.login({ email: 'kim@example.com', password: PASSWORD });
  });

  it('answers usage mistakes with exit code 2, and help with 0', async () => {
    expect(await run('help')).toMatchObject({ code: 0, out: expect.stringContaining('Usage: account-service') });
    expect((await run()).code).toBe(2);
    expect(await run('users', 'frobnicate')).toMatchObject({ code: 2, err: expect.stringContaining('unknown command "users frobnicate"') });
    expect((await run('create-admin', '--email', ADMIN.email)).code).toBe(2);
    expect((await run('create-admin', '--email', ADMIN.email, '--phone', ADMIN.phone)).code).toBe(2);
    expect((await run('users', 'list', '--limit', 'ten')).code).toBe(2);
    expect((await run('users', 'deactivate', 'kim')).code).toBe(2);
    expect((await run('users', 'list', '--colour')).code).toBe(2);
    expect((await run('import-django')).code).toBe(2);
  });
});

describe('account-service CLI without a database', () => {
  it('says so in one line when the database cannot be reached', async () => {
    const err: string[] = [];
    const code = await runCli(['users', 'list'], {
      env: { ...cliEnv, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/nothing' },
      out: () => {},
      err: (l) => err.push(l),
      readStdin: async () => '',
    });
    expect(code).toBe(1);
    expect(err).toEqual([expect.stringMatching(/^cannot use the database: connect ECONNREFUSED/)]);
  });

  it('names the bad variable when the configuration is wrong', async () => {
    const err: string[] = [];
    const code = await runCli(['users', 'list'], { env: { ...cliEnv, PORT: 'eighty' }, out: () => {}, err: (l) => err.push(l), readStdin: async () => '' });
    expect(code).toBe(1);
    expect(err.join('\n')).toContain('PORT');
  });
});

describe('account-service CLI as a real process', () => {
  let dir: string;
  let url: string;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    dir = await builtPackage();
    const adminUrl = process.env.TEST_DATABASE_URL;
    if (adminUrl) {
      // A bare PostgreSQL database, without the migrations openTestDatabase would apply.
      const name = `cli_${randomBytes(6).toString('hex')}`;
      await adminQuery(adminUrl, `create database ${name}`);
      const u = new URL(adminUrl);
      u.pathname = `/${name}`;
      url = u.toString();
      cleanup = () => adminQuery(adminUrl, `drop database if exists ${name} with (force)`);
    } else {
      const dir = mkdtempSync(join(tmpdir(), 'cli-pglite-'));
      url = join(dir, 'pglite');
      cleanup = async () => rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
  afterAll(async () => {
    await cleanup?.();
  });

  const exec = (args: string[], stdin?: string) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      const child = execFile(
        process.execPath,
        [join(dir, 'dist', 'cli.js'), ...args],
        { cwd: dir, env: childEnv({ ...cliEnv, DATABASE_URL: url }) },
        (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
      );
      child.stdin!.end(stdin ?? '');
    });

  it('is the package bin, with a shebang', () => {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    expect(pkg.bin).toEqual({ 'account-service': 'dist/cli.js' });
    expect(readFileSync(join(dir, 'dist', 'cli.js'), 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/);
  });

  it('migrates a fresh database, creates an admin and lists it', async () => {
    expect(await exec(['help'])).toMatchObject({ code: 0, stdout: expect.stringContaining('create-admin') });
    expect(await exec(['users', 'list'])).toMatchObject({ code: 1, stderr: expect.stringContaining('run `migrate` first') });
    expect(await exec(['migrate'])).toMatchObject({ code: 0, stdout: 'migrations applied\n' });
    expect(await exec(['migrate'])).toMatchObject({ code: 0 });
    const created = await exec(['create-admin', '--email', ADMIN.email, '--phone', ADMIN.phone, '--password-stdin'], `${ADMIN.password}\n`);
    expect(created).toMatchObject({ code: 0, stdout: expect.stringContaining('admin 1 created') });
    const listed = await exec(['users', 'list', '--json']);
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual([expect.objectContaining({ id: 1, email: ADMIN.email, is_admin: true })]);
    expect(await exec(['bogus'])).toMatchObject({ code: 2 });
  }, 180_000);
});

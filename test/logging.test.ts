import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SmsSink } from '../bench/sink.js';
import { buildPackage, ServerProcess } from './build.js';

/**
 * Issue 14: `npm start` in development prints lines people can read, the SMS key easy to
 * find; production stays JSON lines. The built server, started as production starts it.
 */
describe('the log of the running service', () => {
  let build: Awaited<ReturnType<typeof buildPackage>>;
  const sink = new SmsSink();
  beforeAll(async () => {
    build = await buildPackage();
    await sink.start();
  }, 180_000);
  afterAll(async () => {
    build?.remove();
    await sink.stop();
  });

  /** Starts the server with `env`, sends a key to 010-1234-5678 and answers the log lines once both requests were logged. */
  async function logOf(env: Record<string, string | undefined>): Promise<string[]> {
    const server = new ServerProcess(build.dir, { DATABASE_URL: 'memory://', ...env });
    try {
      const ready = await server.waitFor(/account service ready on/, 90_000);
      const api = /(http:\/\/[^\s"]+\/api\/v1)/.exec(ready)![1]!;
      const sent = await fetch(`${api}/phone-verify`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ phone_number: '010-1234-5678' }),
      });
      expect(sent.status).toBe(201);
      await server.waitFor(/← 201|"statusCode":201/, 10_000);
      return [...server.log];
    } finally {
      server.signal('SIGTERM');
      await server.exited;
    }
  }

  it('in development (NODE_ENV and LOG_FORMAT unset): a readable line each, with the console SMS on a line of its own', async () => {
    const log = await logOf({ LOG_FORMAT: undefined });
    expect(log.filter((l) => l.startsWith('{'))).toEqual([]);
    expect(log).toContainEqual(expect.stringMatching(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: account service ready on http:\/\/127\.0\.0\.1:\d+\/api\/v1$/));
    expect(log).toContainEqual(expect.stringMatching(/^\[[\d:.]+\] INFO: \[req-\d+\] → POST \/api\/v1\/phone-verify$/));
    expect(log).toContainEqual(expect.stringMatching(/^\[[\d:.]+\] INFO: \[req-\d+\] ← 201 in [\d.]+ ms$/));
    const sms = log.filter((l) => l.includes('SMS to'));
    expect(sms).toHaveLength(1);
    expect(sms[0]).toMatch(/^\[[\d:.]+\] INFO: SMS to \+821012345678: \[User Demo\] 인증번호 \[\d{6}\]를 입력해주세요\.$/);
    // What the README's walk-through runs to read the key from the log.
    const key = sms[0]!.match(/인증번호 \[[0-9]*\]/)?.[0].replace(/\D/g, '');
    expect(key).toMatch(/^\d{6}$/);
  }, 120_000);

  it('in production: JSON lines, one object each', async () => {
    const log = await logOf({
      LOG_FORMAT: undefined,
      NODE_ENV: 'production',
      PUBLIC_URL: 'https://accounts.example.com',
      SMS_PROVIDER: 'webhook',
      SMS_WEBHOOK_URL: sink.url,
    });
    const entries = log.filter((l) => l.trim()).map((l) => JSON.parse(l) as { msg?: string; level: number });
    expect(entries.map((e) => e.msg)).toEqual(expect.arrayContaining([expect.stringMatching(/^account service ready on/), 'incoming request', 'request completed']));
    expect(sink.keyFor('+821012345678')).toMatch(/^\d{6}$/);
  }, 120_000);

  it('LOG_FORMAT=json gives JSON lines in development too', async () => {
    const log = await logOf({ LOG_FORMAT: 'json' });
    const sms = log.find((l) => l.includes('SMS to'))!;
    expect(JSON.parse(sms)).toMatchObject({ msg: expect.stringMatching(/^SMS to \+821012345678: /), sms: { provider: 'console', to: '+821012345678' } });
  }, 120_000);

  it('with the OpenID provider on, still JSON lines only: the library\'s own warning among them, no query string of /oidc/*', async () => {
    const server = new ServerProcess(build.dir, { DATABASE_URL: 'memory://', OIDC_PROVIDER: 'on' });
    let log: string[];
    try {
      const ready = await server.waitFor(/account service ready on/, 90_000);
      const origin = /(http:\/\/[^\s"/]+)\/api\/v1/.exec(ready)![1]!;
      const asked = await fetch(`${origin}/oidc/auth?client_id=nobody&login_hint=kim%40example.com`, { redirect: 'manual' });
      expect(asked.status).toBe(400);
      await server.waitFor(/"statusCode":400/, 10_000);
      log = [...server.log];
    } finally {
      server.signal('SIGTERM');
      await server.exited;
    }
    const entries = log.filter((l) => l.trim()).map((l) => JSON.parse(l) as { msg?: string; level: number; req?: { url?: string } });
    // oidc-provider 9 wants Node 22 and says so as it is imported; on Node 20 that line is logged, as JSON.
    const warning = entries.filter((e) => e.msg?.startsWith('oidc-provider WARNING'));
    expect(warning).toHaveLength(process.versions.node.startsWith('20.') ? 1 : 0);
    expect(warning.every((e) => e.level === 40)).toBe(true);
    expect(entries.filter((e) => e.req?.url?.startsWith('/oidc/')).map((e) => e.req!.url)).toEqual(['/oidc/auth']);
    expect(log.join('\n')).not.toContain('kim%40example.com');
  }, 120_000);
});

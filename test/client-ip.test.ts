import { isIP } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';
import { phoneVerifications, sessions } from '../src/db/schema/index.js';
import { PASSWORD, startApp, type TestApp, useFileDatabase } from './helpers.js';

useFileDatabase();

/**
 * Who the client is, behind a proxy (issue 13, finding 2): the throttles count, and sessions
 * and keys store, the nearest address that is not a trusted proxy, never what a client
 * wrote at the front of X-Forwarded-For.
 */
let t: TestApp;
afterEach(async () => t?.close());

const PROXY = '10.0.0.9';
const ATTACKER = '203.0.113.66';
/** A request through the proxy, which appends the address it got the request from, as proxies do. */
const viaProxy = (client: string, forged: string, url: string, payload?: object) =>
  t.request({
    method: payload ? 'POST' : 'GET',
    url: url.startsWith('/api') || url.startsWith('/healthz') ? url : `/api/v1${url}`,
    ...(payload ? { payload } : {}),
    headers: { 'x-forwarded-for': `${forged}, ${client}` },
    remoteAddress: PROXY,
  });
/** A fresh forged first entry for every request, as the report's attacker wrote. */
let n = 0;
const forged = () => `198.51.100.${++n % 250}`;

describe('TRUST_PROXY', () => {
  it('takes false, a hop count or a list of proxy addresses and CIDRs, and refuses true with the reason', () => {
    const trust = (v: string) => loadConfig({ TRUST_PROXY: v }).trustProxy;
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(trust('false')).toBe(false);
    expect(trust('0')).toBe(false);
    expect(trust('1')).toBe(1);
    expect(trust('2')).toBe(2);
    expect(trust('10.0.0.0/8, 192.0.2.7,2001:db8::/32, loopback')).toEqual(['10.0.0.0/8', '192.0.2.7', '2001:db8::/32', 'loopback']);
    for (const yes of ['true', 'yes', 'on']) {
      expect(() => loadConfig({ TRUST_PROXY: yes })).toThrow(ConfigError);
      expect(() => loadConfig({ TRUST_PROXY: yes })).toThrow(/TRUST_PROXY: .*whatever the client writes/);
    }
    for (const bad of ['10.0.0.0/33', 'proxy.example.com', '10.0.0.1/x', '::1/129', 'fe80::1%eth0', ',']) {
      expect(() => loadConfig({ TRUST_PROXY: bad }), bad).toThrow(/TRUST_PROXY: must be false, a hop count or a comma list/);
    }
  });

  describe.each([
    ['a hop count', '1'],
    ['the proxy’s CIDR', '10.0.0.0/8'],
  ])('with %s', (_, trustProxy) => {
    it('keeps the login lockout on the client when it varies the first X-Forwarded-For entry', async () => {
      t = await startApp({ TRUST_PROXY: trustProxy, LOGIN_MAX_FAILURES: '3' });
      await t.signUp();
      for (let i = 0; i < 3; i++) {
        expect((await viaProxy(ATTACKER, forged(), '/login', { email: 'kim@example.com', password: `wrong-Pass-${i}` })).status).toBe(401);
      }
      const locked = await viaProxy(ATTACKER, forged(), '/login', { email: 'kim@example.com', password: PASSWORD });
      expect(locked.status).toBe(429);
      // Another client behind the same proxy is counted apart.
      expect((await viaProxy('203.0.113.8', forged(), '/login', { email: 'kim@example.com', password: PASSWORD })).status).toBe(202);
    });

    it('keeps the flood guard on the client when it varies the first X-Forwarded-For entry', async () => {
      t = await startApp({ TRUST_PROXY: trustProxy, RATE_LIMIT_PER_IP_PER_MINUTE: '3' });
      for (let i = 0; i < 3; i++) expect((await viaProxy(ATTACKER, forged(), '/users/me')).status).toBe(401);
      expect((await viaProxy(ATTACKER, forged(), '/users/me')).status).toBe(429);
      expect((await viaProxy('203.0.113.8', forged(), '/users/me')).status).toBe(401);
    });

    it('keeps the per-IP SMS cap on the client when it varies the first X-Forwarded-For entry', async () => {
      t = await startApp({ TRUST_PROXY: trustProxy, SMS_MAX_PER_IP_PER_HOUR: '2' });
      expect((await viaProxy(ATTACKER, forged(), '/phone-verify', { phone_number: '010-1111-1111' })).status).toBe(201);
      expect((await viaProxy(ATTACKER, forged(), '/phone-verify', { phone_number: '010-2222-2222' })).status).toBe(201);
      expect((await viaProxy(ATTACKER, forged(), '/phone-verify', { phone_number: '010-3333-3333' })).status).toBe(429);
      expect((await viaProxy('203.0.113.8', forged(), '/phone-verify', { phone_number: '010-3333-3333' })).status).toBe(201);
      const stored = await t.database.db.select({ ip: phoneVerifications.requestIp }).from(phoneVerifications);
      expect(stored.map((r) => r.ip).sort()).toEqual(['203.0.113.66', '203.0.113.66', '203.0.113.8']);
    });
  });

  it('with a list of proxies, counts a client that reaches the service directly by its own address, whatever it writes', async () => {
    t = await startApp({ TRUST_PROXY: '10.0.0.0/8', LOGIN_MAX_FAILURES: '2' });
    await t.signUp();
    const direct = (body: object) =>
      t.request({ method: 'POST', url: '/api/v1/login', payload: body, headers: { 'x-forwarded-for': forged() }, remoteAddress: ATTACKER });
    expect((await direct({ email: 'kim@example.com', password: 'wrong-Pass-1' })).status).toBe(401);
    expect((await direct({ email: 'kim@example.com', password: 'wrong-Pass-2' })).status).toBe(401);
    expect((await direct({ email: 'kim@example.com', password: PASSWORD })).status).toBe(429);
  });

  it('never stores 2,000 characters of junk as a session or key-request IP, nor makes a fresh bucket of it', async () => {
    t = await startApp({ TRUST_PROXY: '1', LOGIN_MAX_FAILURES: '2' });
    await t.signUp();
    const junk = (c: string) => c.repeat(2000);
    // A client that reaches the service directly, so the one hop trusted is its own.
    const direct = (url: string, body: object, c: string) =>
      t.request({ method: 'POST', url: `/api/v1${url}`, payload: body, headers: { 'x-forwarded-for': junk(c) }, remoteAddress: ATTACKER });

    expect((await direct('/login', { email: 'kim@example.com', password: PASSWORD }, 'x')).status).toBe(202);
    expect((await direct('/phone-verify', { phone_number: '010-9999-0000' }, 'y')).status).toBe(201);
    const stored = [
      ...(await t.database.db.select({ ip: sessions.ip }).from(sessions)),
      ...(await t.database.db.select({ ip: phoneVerifications.requestIp }).from(phoneVerifications)),
    ].map((r) => r.ip);
    for (const ip of stored.filter((ip) => ip !== '127.0.0.1')) expect(ip).toBe(ATTACKER);
    expect(stored.every((ip) => ip !== null && ip.length <= 45 && isIP(ip) !== 0)).toBe(true);

    expect((await direct('/login', { email: 'kim@example.com', password: 'wrong-Pass-1' }, 'a')).status).toBe(401);
    expect((await direct('/login', { email: 'kim@example.com', password: 'wrong-Pass-2' }, 'b')).status).toBe(401);
    expect((await direct('/login', { email: 'kim@example.com', password: PASSWORD }, 'c')).status).toBe(429);
  });
});

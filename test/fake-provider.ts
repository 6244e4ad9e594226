import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyBaseLogger } from 'fastify';
import { expect } from 'vitest';
import { loadConfig, type SmsConfig } from '../src/config.js';
import { createSmsProvider } from '../src/sms/create-provider.js';
import { SmsSendError, type SmsProvider } from '../src/sms/provider.js';

/** One request the fake received, body read in full. */
export interface Received {
  method: string;
  /** Path and query, as on the request line. */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** What the fake answers; `undefined` leaves the request hanging (a provider that never answers). */
export type Answer = { status: number; body: string; contentType?: string } | undefined;

export interface FakeProvider {
  baseUrl: string;
  received: Received[];
  close(): Promise<void>;
}

/**
 * A local stand-in for a provider's API on 127.0.0.1 and a free port. `answer` sees each
 * request (already read) and decides the reply, so one fake can check a request the way the
 * real provider would and answer as it does.
 */
export async function startFake(answer: (req: Received) => Answer): Promise<FakeProvider> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r: Received = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      received.push(r);
      const a = answer(r);
      if (!a) return; // never answer
      res.writeHead(a.status, { 'content-type': a.contentType ?? 'application/json' });
      res.end(a.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections(); // hanging requests too
        server.close(() => resolve());
      }),
  };
}

/** A base URL nothing listens on: bind a port, then let it go. */
export async function refusedBaseUrl(): Promise<string> {
  const fake = await startFake(() => ({ status: 500, body: '' }));
  await fake.close();
  return fake.baseUrl;
}

export const json = (status: number, body: unknown): Answer => ({ status, body: JSON.stringify(body) });

/** The SmsConfig the service would build from this environment (the real loader, not a hand-made object). */
export function smsConfig(env: Record<string, string>): SmsConfig {
  return loadConfig({ NODE_ENV: 'test', SECRET_KEY: 'x'.repeat(40), LOG_LEVEL: 'silent', ...env }).sms;
}

/** Only the console provider logs; the HTTP ones never touch the logger. */
const noLog = {} as FastifyBaseLogger;

export function provider(env: Record<string, string>): SmsProvider {
  return createSmsProvider(smsConfig(env), noLog);
}

/** A typical verification SMS: the default template around a 6-digit key. */
export const KEY = '482913';
export const TEXT = `[User Demo] 인증번호 [${KEY}]를 입력해주세요.`;

/**
 * Asserts a send failed the way the service needs: an SmsSendError whose message names the
 * provider and the reason, and never carries the SMS text or the key in it.
 */
export async function expectFailure(
  promise: Promise<unknown>,
  providerName: string,
  reason: RegExp,
  text = TEXT,
): Promise<SmsSendError> {
  const err = await promise.then(
    () => {
      throw new Error('send resolved, expected an SmsSendError');
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SmsSendError);
  const e = err as SmsSendError;
  expect(e.provider).toBe(providerName);
  expect(e.message.startsWith(`${providerName}: `)).toBe(true);
  expect(e.message).toMatch(reason);
  expect(e.message).not.toContain(text);
  for (const digits of text.match(/\d{4,}/g) ?? []) expect(e.message).not.toContain(digits);
  return e;
}

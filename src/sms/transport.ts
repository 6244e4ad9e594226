import http from 'node:http';
import https from 'node:https';
import { SmsSendError } from './provider.js';

/**
 * Connections to the provider are kept open between messages (no new TCP/TLS handshake
 * each time), but an idle one is closed after 4 s, before common servers close theirs
 * (Node 5 s, load balancers 60 s), so a message is rarely written to a socket the provider
 * is closing at that moment. (The agent's timeout only closes idle sockets; a request in
 * flight keeps its own deadline.)
 */
const agentOptions = { keepAlive: true, timeout: 4_000 };
const transports: Record<string, { request: typeof http.request; agent: http.Agent } | undefined> = {
  'http:': { request: http.request, agent: new http.Agent(agentOptions) },
  'https:': { request: https.request, agent: new https.Agent(agentOptions) },
};

/** The most of a provider's answer that is read; providers answer a few hundred bytes. */
const MAX_ANSWER_BYTES = 1 << 20;

/**
 * POSTs `body` to the provider within its time budget (connecting, sending and reading
 * the whole answer), and answers its status and text, whatever it is (a redirect is not
 * followed: it is an answer the provider's code refuses). A network failure or timeout
 * becomes an SmsSendError. node:http rather than `fetch`: under load, fetch's streams and
 * abort signals were most of the cost of a send.
 */
export async function postToProvider(
  provider: string,
  url: string,
  init: { headers: Record<string, string>; body: string },
  timeoutMs: number,
): Promise<{ status: number; body: string }> {
  const target = new URL(url);
  const transport = transports[target.protocol];
  if (!transport) throw new SmsSendError(provider, `unsupported URL scheme ${target.protocol}`);
  const payload = Buffer.from(init.body);
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (finish: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      finish();
    };
    const fail = (err: SmsSendError) =>
      settle(() => {
        req.destroy();
        reject(err);
      });
    const timer = setTimeout(() => fail(new SmsSendError(provider, `no answer within ${timeoutMs} ms`)), timeoutMs);
    const req = transport.request(
      target,
      { method: 'POST', agent: transport.agent, headers: { ...init.headers, 'content-length': String(payload.length) } },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size <= MAX_ANSWER_BYTES) chunks.push(chunk);
        });
        res.on('error', (err) =>
          fail(new SmsSendError(provider, `reading the answer failed: ${err.message}`, res.statusCode)),
        );
        res.on('end', () =>
          settle(() => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') })),
        );
      },
    );
    req.on('error', (err) => fail(new SmsSendError(provider, `request failed: ${err.message}`)));
    req.end(payload);
  });
}

/** Joins a configured base URL (maybe with a trailing slash or a path prefix) and an API path. */
export function joinUrl(baseUrl: string, path: string): URL {
  return new URL(baseUrl.replace(/\/+$/, '') + path);
}

import { createServer, type Server } from 'node:http';

/**
 * The receiver of the service's `webhook` SMS provider, which POSTs `{"to", "text"}` here:
 * the benchmark's SMS provider, and the tests' when they run real server processes. Every
 * key is kept, so sign-up can confirm its phone and the confirm benchmark can send keys
 * that are really valid.
 */
export class SmsSink {
  private server: Server | undefined;
  /** Latest key per E.164 number. */
  private readonly latest = new Map<string, string>();
  /** Every (phone, key) in arrival order, for the confirm benchmark. */
  readonly log: { phone: string; key: string }[] = [];
  received = 0;
  malformed = 0;
  url = '';

  async start(): Promise<string> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.received++;
        try {
          const { to, text } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { to: string; text: string };
          const key = typeof text === 'string' ? text.match(/\d{6}/g)?.at(-1) : undefined;
          if (typeof to !== 'string' || !key) throw new Error('no key');
          this.latest.set(to, key);
          this.log.push({ phone: to, key });
        } catch {
          this.malformed++;
        }
        res.writeHead(200, { 'content-length': '0' });
        res.end();
      });
    });
    server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    const address = server.address();
    if (!address || typeof address !== 'object') throw new Error('sink did not bind');
    this.url = `http://127.0.0.1:${address.port}/sms`;
    return this.url;
  }

  keyFor(e164: string): string | undefined {
    return this.latest.get(e164);
  }

  /** The key of the last SMS to `e164`; throws when none came. */
  lastKey(e164: string): string {
    const key = this.latest.get(e164);
    if (!key) throw new Error(`no key was sent to ${e164}`);
    return key;
  }

  /** Hands out the keys received from `from` on, each once. */
  drain(from: number): { phone: string; key: string }[] {
    return this.log.slice(from);
  }

  async stop(): Promise<void> {
    const s = this.server;
    if (!s) return;
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }
}

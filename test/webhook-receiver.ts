import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

/** `whsec_` and the base64 of 32 bytes, as EVENTS_WEBHOOK_SECRET wants. */
export const WEBHOOK_SECRET = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;

export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  /** The payload as the Standard Webhooks library verified it; throws if the signature is wrong. */
  verified(): { id: string; type: string; timestamp: string; data: Record<string, unknown> };
}

/**
 * A product's webhook endpoint: records every request and answers `status` (a function may
 * change its mind per request; `'hang'` never answers).
 */
export class WebhookReceiver {
  readonly received: Received[] = [];
  answer: (r: Received) => number | 'hang' = () => 204;
  private server: Server | undefined;
  private port = 0;

  async start(port = 0): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString();
        const headers = req.headers;
        const r: Received = {
          headers,
          body,
          verified: () => new Webhook(WEBHOOK_SECRET).verify(body, headers as Record<string, string>) as ReturnType<Received['verified']>,
        };
        this.received.push(r);
        const status = this.answer(r);
        if (status !== 'hang') res.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this.url;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/hooks/account`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => (this.server ? this.server.close(resolve) : resolve(undefined)));
    this.server = undefined;
  }

  /** Resolves once a request matches `pred`, within `ms`. */
  async waitFor(pred: (r: Received) => boolean, ms = 20_000): Promise<Received> {
    const deadline = Date.now() + ms;
    for (;;) {
      const hit = this.received.find(pred);
      if (hit) return hit;
      if (Date.now() > deadline) throw new Error(`no webhook matched within ${ms} ms; got ${this.received.length}: ${this.received.map((r) => r.body).join('\n')}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  /** The requests of one event type. */
  ofType(type: string): Received[] {
    return this.received.filter((r) => JSON.parse(r.body).type === type);
  }
}

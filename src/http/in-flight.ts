import type { FastifyInstance } from 'fastify';

declare module 'fastify' {
  interface FastifyInstance {
    /** Resolves once no request is being handled, or after `timeoutMs`. */
    whenIdle(timeoutMs: number): Promise<void>;
  }
}

/**
 * Counts requests from arrival until their answer is produced. Closing the server waits
 * for open connections only: a handler whose client already hung up (a login still hashing,
 * say) would otherwise find the database closed under it. Shutdown waits on this first.
 */
export function trackInFlight(app: FastifyInstance): void {
  const open = new Set<string>();
  let waiters: (() => void)[] = [];
  const release = (id: string) => {
    if (open.delete(id) && open.size === 0) {
      for (const w of waiters) w();
      waiters = [];
    }
  };
  app.addHook('onRequest', async (request) => {
    open.add(request.id);
  });
  app.addHook('onSend', async (request) => release(request.id));
  app.addHook('onResponse', async (request) => release(request.id));
  app.decorate('whenIdle', (timeoutMs: number) => {
    if (open.size === 0) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      timer.unref();
      waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  });
}

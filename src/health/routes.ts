import { Type } from 'typebox';
import type { AppContext } from '../context.js';
import { Detail } from '../http/schemas.js';
import type { App } from '../http/types.js';

const Status = Type.Object({ status: Type.String() });

/** Liveness and readiness, outside /api/v1 as load balancers expect. */
export function healthRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/healthz',
    { schema: { tags: ['operations'], summary: 'The process is running', response: { 200: Status } } },
    async () => ({ status: 'ok' }),
  );
  app.get(
    '/readyz',
    { schema: { tags: ['operations'], summary: 'The database answers', response: { 200: Status, 503: Detail } } },
    async (request, reply) => {
      try {
        await withTimeout(ctx.database.ping(), 2000);
        return { status: 'ok' };
      } catch (err) {
        request.log.warn({ err }, 'readiness check failed');
        return reply.code(503).send({ detail: 'database unavailable' });
      }
    },
  );
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

import { Type } from 'typebox';
import type { AppContext } from '../context.js';
import { ApiError } from '../http/errors.js';
import { errorResponses } from '../http/schemas.js';
import type { App } from '../http/types.js';

const Status = Type.Object({ status: Type.String() });

/**
 * Liveness and readiness, outside /api/v1 as load balancers expect. Readiness asks the
 * database, but requests that arrive while a ping is in flight share its answer, so a flood
 * of them costs the database one ping at a time (and the flood guard counts them).
 */
export function healthRoutes(app: App, ctx: AppContext): void {
  let inFlight: Promise<void> | undefined;
  const ping = () =>
    (inFlight ??= withTimeout(ctx.database.ping(), 2000).finally(() => {
      inFlight = undefined;
    }));

  app.get(
    '/healthz',
    { schema: { tags: ['operations'], summary: 'The process is running', response: { 200: Status } } },
    async () => ({ status: 'ok' }),
  );
  app.get(
    '/readyz',
    { schema: { tags: ['operations'], summary: 'The database answers', response: { 200: Status, ...errorResponses('database_unavailable') } } },
    async (request) => {
      try {
        await ping();
        return { status: 'ok' };
      } catch (err) {
        request.log.warn({ err }, 'readiness check failed');
        throw new ApiError('database_unavailable');
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

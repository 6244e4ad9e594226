import type { FastifyInstance } from 'fastify';
import { ApiError, ValidationError } from './errors.js';

/** What @fastify/static (through @fastify/send) throws about a path: http-errors' 4xx, or its own FST_STATIC_ errors. */
interface FileError extends Error {
  status?: number;
  statusCode?: number;
  headers?: Record<string, string>;
}

/**
 * The error handler of a scope that serves files (@fastify/static, on its own or inside
 * @fastify/swagger-ui). What they refuse about a path (a directory, a NUL byte, a name too
 * long for the file system, a backslash or an empty segment: 400, 403 or 404) is a file that
 * is not there, `404 not_found`; a failed precondition (`If-Match`, `If-Unmodified-Since`)
 * and a range past the end keep their status, as catalogued answers. Anything else goes on
 * to the app's handler, where a 500 is logged as the bug it is.
 */
export function answerFileRefusals(scope: FastifyInstance): void {
  scope.setErrorHandler((error: FileError) => {
    // The service's own refusals (the flood guard's 429) are already what they should be.
    if (error instanceof ApiError || error instanceof ValidationError) throw error;
    const status = error.statusCode ?? error.status;
    if (status === 412) throw new ApiError('precondition_failed');
    if (status === 416) {
      const range = error.headers?.['Content-Range'];
      throw new ApiError('range_not_satisfiable', {}, range ? { 'content-range': range } : {});
    }
    if (status === 400 || status === 403 || status === 404) throw new ApiError('not_found');
    throw error;
  });
}

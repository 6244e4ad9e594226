import type { MessageCode, Params } from './messages.js';

export interface FieldProblem {
  code: MessageCode;
  params?: Params;
}

/** A refusal with a status and a catalogued message, rendered as `{"detail": …}`. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: MessageCode,
    readonly params: Params = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(code);
    this.name = 'ApiError';
  }
}

/** A 400 rendered in DRF's shape: `{"field": ["message", …], …}`. */
export class ValidationError extends Error {
  constructor(readonly fields: Record<string, FieldProblem[]>) {
    super('validation failed');
    this.name = 'ValidationError';
  }

  static field(field: string, code: MessageCode, params?: Params): ValidationError {
    return new ValidationError({ [field]: [params ? { code, params } : { code }] });
  }
}

export const unauthorized = (code: MessageCode = 'not_authenticated') => new ApiError(401, code);

/** 429 with `Retry-After`, as every throttle answers. */
export function throttled(retryAfterSeconds: number, code: MessageCode = 'throttled'): ApiError {
  const wait = Math.max(1, Math.ceil(retryAfterSeconds));
  return new ApiError(429, code, { wait }, { 'retry-after': String(wait) });
}

/** The SMS provider failed; the cause is logged by whoever throws this, never sent. */
export const smsUnavailable = () => new ApiError(503, 'sms_unavailable');

import { type DetailCode, type DetailCodeOf, type FieldCode, type Params, statusOf } from './messages.js';

export interface FieldProblem {
  code: FieldCode;
  params?: Params;
}

/** A refusal with a catalogued message, rendered as `{"detail": …, "code": …}` with the status its catalogue entry names. */
export class ApiError extends Error {
  readonly statusCode: number;

  constructor(
    readonly code: DetailCode,
    readonly params: Params = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(code);
    this.name = 'ApiError';
    this.statusCode = statusOf(code);
  }
}

/** A 400 rendered in DRF's shape: `{"field": ["message", …], …}`. */
export class ValidationError extends Error {
  constructor(readonly fields: Record<string, FieldProblem[]>) {
    super('validation failed');
    this.name = 'ValidationError';
  }

  static field(field: string, code: FieldCode, params?: Params): ValidationError {
    return new ValidationError({ [field]: [params ? { code, params } : { code }] });
  }
}

/**
 * Problems on several fields, so one 400 reports them all as DRF does. `try` runs a parser
 * and keeps its ValidationError under `field` instead of throwing it.
 */
export class FieldErrorCollector {
  readonly fields: Record<string, FieldProblem[]> = {};

  constructor(initial: Record<string, FieldProblem[]> = {}) {
    for (const [field, problems] of Object.entries(initial)) this.add(field, problems);
  }

  add(field: string, problems: FieldProblem[]): void {
    if (problems.length) (this.fields[field] ??= []).push(...problems);
  }

  has(field: string): boolean {
    return field in this.fields;
  }

  /** `parse`'s result, or undefined with its problems kept under `field` (whichever field it named). */
  try<T>(field: string, parse: () => T): T | undefined {
    try {
      return parse();
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      for (const problems of Object.values(err.fields)) this.add(field, problems);
      return undefined;
    }
  }

  /** Throws them all as one ValidationError, the fields in `order` first and `non_field_errors` last. */
  throwIfAny(order: readonly string[] = []): void {
    const names = Object.keys(this.fields);
    if (!names.length) return;
    const ranked = [...order.filter((f) => f in this.fields), ...names.filter((f) => !order.includes(f) && f !== 'non_field_errors')];
    if ('non_field_errors' in this.fields) ranked.push('non_field_errors');
    throw new ValidationError(Object.fromEntries(ranked.map((f) => [f, this.fields[f]!])));
  }
}

export const unauthorized = (code: DetailCodeOf<401> = 'not_authenticated') => new ApiError(code);

/** 429 with `Retry-After`, as every throttle answers. */
export function throttled(retryAfterSeconds: number, code: DetailCodeOf<429> = 'throttled'): ApiError {
  const wait = Math.max(1, Math.ceil(retryAfterSeconds));
  return new ApiError(code, { wait }, { 'retry-after': String(wait) });
}

/** The SMS provider failed; the cause is logged by whoever throws this, never sent. */
export const smsUnavailable = () => new ApiError('sms_unavailable');

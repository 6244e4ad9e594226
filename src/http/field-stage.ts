import type { FastifyRequest, RouteOptions } from 'fastify';
import type { TSchema } from 'typebox';
import { type AjvError, fieldsFromAjv } from './ajv-fields.js';
import { FieldErrorCollector } from './errors.js';
import type { E164, EmailAddress, SmsKeyDigits } from './parsed.js';
import type { App } from './types.js';

/**
 * The parsers that judge a field on its own beyond its schema (a phone number's region, an
 * email's characters, a new password's own rules), supplied by the features that own them.
 * Each throws a ValidationError, or answers the parsed value, which replaces the one sent.
 */
export interface FieldParsers {
  email(value: string): EmailAddress;
  phone(value: string): E164;
  'sms-key'(value: string | number): SmsKeyDigits;
  'profile-text'(value: string): string | null;
  'new-password'(value: string): string;
}
export type FieldKind = keyof FieldParsers;

const KIND = Symbol('account-service.field-kind');

/** Marks a schema whose values the field stage also hands to the parser of `kind`. */
export function parsedAs<T extends TSchema>(kind: FieldKind, schema: T): T {
  return Object.assign(schema, { [KIND]: kind });
}

const kindOf = (schema: unknown): FieldKind | undefined =>
  (schema as { [KIND]?: FieldKind } | undefined)?.[KIND];

/**
 * DRF's order of judging a body, on every route: every field on its own first (its schema,
 * then its parser), all their errors in one 400; only a body whose every field is good
 * reaches the route's service, which judges the combination (exactly one of, tokens,
 * credentials). Each parsed value replaces what the client sent (an E.164 number for the
 * typed one, a trimmed name), so the service takes it as it is and parses nothing again. Fastify stops at the schema's errors, so routes with a body attach them
 * instead and this step, run after authentication as DRF runs it, adds the parsers' errors.
 *
 * Installed before the Bearer guard, which puts itself first, so an unauthenticated
 * request is a 401 whatever its body holds.
 */
export function installFieldStage(app: App, parsers: FieldParsers): void {
  app.addHook('onRoute', (route: RouteOptions) => {
    const body = route.schema?.body as { properties?: Record<string, unknown> } | undefined;
    if (!body) return;
    const properties = body.properties ?? {};
    const order = Object.keys(properties);
    const checks = order.flatMap((field) => {
      const kind = kindOf(properties[field]);
      return kind ? [{ field, parse: parsers[kind] as (value: unknown) => unknown }] : [];
    });
    route.attachValidation = true;
    const judgeFields = async (request: FastifyRequest) => {
      const failed = request.validationError as (Error & { validation?: AjvError[]; validationContext?: string }) | undefined;
      if (failed && (failed.validationContext !== 'body' || !failed.validation)) throw failed;
      const errors = new FieldErrorCollector(failed?.validation ? fieldsFromAjv(failed.validation, request.body) : {});
      const values = request.body;
      if (values && typeof values === 'object' && !Array.isArray(values) && !errors.has('non_field_errors')) {
        const fields = values as Record<string, unknown>;
        for (const { field, parse } of checks) {
          const value = fields[field];
          if (value === undefined || value === null || errors.has(field)) continue;
          const parsed = errors.try(field, () => parse(value));
          if (!errors.has(field)) fields[field] = parsed;
        }
      }
      errors.throwIfAny(order);
    };
    route.preHandler = [judgeFields, ...[route.preHandler ?? []].flat()];
  });
}

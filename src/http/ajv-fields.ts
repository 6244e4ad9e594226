import type { FieldProblem } from './errors.js';

export interface AjvError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
}

/** One message per bad field, the first that ajv found, named as DRF would. */
export function fieldsFromAjv(errors: AjvError[], body: unknown): Record<string, FieldProblem[]> {
  const fields: Record<string, FieldProblem[]> = {};
  for (const e of errors) {
    const segments = e.instancePath.split('/').filter(Boolean);
    let field = segments[0];
    if (e.keyword === 'required' && !field) field = String(e.params.missingProperty);
    if (!field) {
      fields.non_field_errors ??= [{ code: 'invalid_body' }];
      continue;
    }
    if (fields[field]) continue;
    fields[field] = [problemFor(field, e, (body as Record<string, unknown> | null)?.[field])];
  }
  return fields;
}

/** A NUL or a lone surrogate: text no database column can hold (see http/schemas.ts). */
const UNSTORABLE = /[\u0000\uD800-\uDFFF]/u;
/** Other control characters (C0, DEL, C1), which profile text refuses too. */
const CONTROL = /\p{Cc}/u;

function problemFor(field: string, e: AjvError, value: unknown): FieldProblem {
  if (e.keyword === 'required') return { code: 'required' };
  // DRF judges null before the type: "This field may not be null."
  if (value === null) return { code: 'not_null' };
  if (field === 'key') return { code: 'invalid_key' };
  switch (e.keyword) {
    case 'type':
      return { code: e.params.type === 'string' ? 'not_a_string' : 'invalid_type' };
    case 'maxLength':
      return { code: 'max_length', params: { limit: Number(e.params.limit) } };
    case 'minLength':
      return { code: 'blank' };
    case 'pattern':
      if (typeof value === 'string' && UNSTORABLE.test(value)) return { code: 'invalid_type' };
      return { code: typeof value === 'string' && CONTROL.test(value) ? 'control_characters' : 'blank' };
    default:
      return { code: 'invalid_type' };
  }
}


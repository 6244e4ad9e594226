import { useState } from 'preact/hooks';
import { t } from './i18n.js';

/** What went wrong, ready to show: one message per field beside it, the rest above the form. */
export interface Problems {
  fields: Record<string, string>;
  form: string | undefined;
}

export const noProblems: Problems = { fields: {}, form: undefined };

/**
 * The API's DRF shapes, `{"field": ["message"]}` and `{"detail": "message"}`, already in the
 * page's language. A field this form does not show goes above the form, with the others
 * that belong to no field.
 */
export function problemsOf(error: unknown, shown: readonly string[]): Problems {
  if (!error || typeof error !== 'object') return { fields: {}, form: t('networkError') };
  const body = error as Record<string, unknown>;
  if (typeof body.detail === 'string') return { fields: {}, form: body.detail };
  const fields: Record<string, string> = {};
  const rest: string[] = [];
  for (const [name, messages] of Object.entries(body)) {
    const text = Array.isArray(messages) ? messages.join(' ') : String(messages);
    if (shown.includes(name)) fields[name] = text;
    else rest.push(text);
  }
  return { fields, form: rest.length ? rest.join(' ') : undefined };
}

/**
 * One form's network state: `run` marks it busy (its buttons show progress), clears old
 * problems, and turns an API error or a lost connection into problems.
 */
export function useRequest(shown: readonly string[]) {
  const [busy, setBusy] = useState<string | undefined>(undefined);
  const [problems, setProblems] = useState<Problems>(noProblems);

  /** The call's result, its problems shown when it failed; undefined when the service was unreachable. */
  async function run<R extends { error?: unknown; response: Response }>(what: string, call: () => Promise<R>): Promise<R | undefined> {
    setBusy(what);
    setProblems(noProblems);
    try {
      const result = await call();
      if (!result.response.ok) setProblems(problemsOf(result.error, shown));
      return result;
    } catch {
      setProblems({ fields: {}, form: t('networkError') });
      return undefined;
    } finally {
      setBusy(undefined);
    }
  }

  return { busy, problems, setProblems, run };
}

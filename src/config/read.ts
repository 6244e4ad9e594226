import { type Env, type Presence, Variable } from './variable.js';

/** A nest of variables; the values it reads to have the same nest. */
export interface Table {
  readonly [key: string]: Variable | Table;
}

type Simplify<T> = { [K in keyof T]: T[K] } & {};
type ValueOf<V> = V extends Variable<infer T, Presence> ? T : V extends Table ? Values<V> : never;
type KeysWhere<S, Match> = { [K in keyof S]: S[K] extends Match ? K : never }[keyof S];

/** What a table reads to: a variable that may be unset is an optional property. */
export type Values<S extends Table> = Simplify<
  { -readonly [K in Exclude<keyof S, KeysWhere<S, Variable<unknown, 'optional' | 'needed'>>>]: ValueOf<S[K]> } & {
    -readonly [K in KeysWhere<S, Variable<unknown, 'optional' | 'needed'>>]?: ValueOf<S[K]>;
  }
>;

/** A provider's group of variables once its needed ones are known to be set: those are no longer optional. */
export type Settings<S extends Table> = Simplify<
  { -readonly [K in Exclude<keyof S, KeysWhere<S, Variable<unknown, 'optional'>>>]: ValueOf<S[K]> } & {
    -readonly [K in KeysWhere<S, Variable<unknown, 'optional'>>]?: ValueOf<S[K]>;
  }
>;

/** Every variable of the table, in its order. */
export function variablesOf(table: Table): Variable[] {
  return Object.values(table).flatMap((entry) => (entry instanceof Variable ? [entry] : variablesOf(entry)));
}

/** Reads `table` from `env`; each variable whose text its parser refuses adds `NAME: why` to `problems`. */
export function readTable<S extends Table>(table: S, env: Env, problems: string[]): Values<S> {
  const values: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(table)) {
    if (!(entry instanceof Variable)) {
      values[key] = readTable(entry, env, problems);
      continue;
    }
    try {
      values[key] = entry.read(env);
    } catch (err) {
      problems.push(`${entry.name}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return values as Values<S>;
}

/** The variables of `table` that `provider` needs and `values` (read from that table) lacks or has empty. */
export function missingFor(provider: string, table: Table, values: object): string[] {
  const read = values as Record<string, unknown>;
  return Object.entries(table).flatMap(([key, entry]) => {
    if (!(entry instanceof Variable)) return missingFor(provider, entry, read[key] ?? {});
    return entry.neededBy === provider && (read[key] === undefined || read[key] === '') ? [entry.name] : [];
  });
}

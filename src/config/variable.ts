/**
 * One environment variable: its name, how its text becomes a value, what it is when unset,
 * and the sentence docs/configuration.md shows for it. The configuration table (table.ts) is made of these.
 *
 * Plain ESM with nothing but `node:` imports, because the process entry (start.cts, CommonJS)
 * `require`s the table before anything else runs.
 */

export type Env = Record<string, string | undefined>;

/** Turns a variable's text into its value, or throws an Error saying what the text must be. */
export type Parse<T> = (raw: string) => T;

/**
 * What an unset variable is: `default` has a value, `optional` has none, `needed` has none
 * and the SMS provider named by `neededBy` refuses to start without it.
 */
export type Presence = 'default' | 'optional' | 'needed';

/** A default worked out at start (docs/configuration.md shows `shown` for it). */
export interface Computed<T> {
  readonly compute: () => T;
  readonly shown: string;
}

interface Unset {
  readonly shown: string;
}

interface NeededBy {
  readonly neededBy: string;
}

export const computed = <T>(compute: () => T, shown: string): Computed<T> => ({ compute, shown });

/** No default; `shown` is what docs/configuration.md says happens then. */
export const unset = (shown = '—'): Unset => ({ shown });

/** No default, and `SMS_PROVIDER=provider` refuses to start without it. */
export const neededBy = (provider: string): NeededBy => ({ neededBy: provider });

export class Variable<T = unknown, P extends Presence = Presence> {
  constructor(
    readonly name: string,
    readonly parse: Parse<T>,
    readonly presence: P,
    /** The value when unset; only a `default` variable has one. */
    private readonly fallback: (() => T) | undefined,
    /** The default column of docs/configuration.md. */
    readonly shownDefault: string,
    /** The meaning column of docs/configuration.md. */
    readonly doc: string,
    /** The SMS provider that needs it, for a `needed` variable. */
    readonly neededBy?: string,
  ) {}

  /** Its value in `env` (unset: the default, or none). Throws the parser's Error for a bad value. */
  read(env: Env): P extends 'default' ? T : T | undefined;
  read(env: Env): T | undefined {
    const raw = env[this.name];
    return raw === undefined ? this.fallback?.() : this.parse(raw);
  }
}

/**
 * Declares a variable. `fallback` is its default as one would write it in the environment
 * (parsed like a set value), a `computed` one, `unset()` or `neededBy(provider)`.
 */
export function variable<T>(name: string, parse: Parse<T>, fallback: string | Computed<T>, doc: string): Variable<T, 'default'>;
export function variable<T>(name: string, parse: Parse<T>, fallback: Unset, doc: string): Variable<T, 'optional'>;
export function variable<T>(name: string, parse: Parse<T>, fallback: NeededBy, doc: string): Variable<T, 'needed'>;
export function variable<T>(name: string, parse: Parse<T>, fallback: string | Computed<T> | Unset | NeededBy, doc: string): Variable<T> {
  if (typeof fallback === 'string') {
    parse(fallback); // a default its own parser refuses fails on import, not on the first start without the variable
    return new Variable(name, parse, 'default', () => parse(fallback), `\`${fallback}\``, doc);
  }
  if ('compute' in fallback) return new Variable(name, parse, 'default', fallback.compute, fallback.shown, doc);
  if ('neededBy' in fallback) return new Variable(name, parse, 'needed', undefined, '—', doc, fallback.neededBy);
  return new Variable(name, parse, 'optional', undefined, fallback.shown, doc);
}

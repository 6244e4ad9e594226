// Fastify's own compilers, which it depends on; the tests only remember what they make.
import AjvCompiler from '@fastify/ajv-compiler';
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import type { BuildOptions } from '../src/app.js';

/**
 * Fastify compiles every route's schemas for each app it builds (about a quarter of a second
 * of CPU), and the suite builds hundreds of apps from the same routes. So test apps share one
 * set of compilers that remembers each validator and serializer by everything it is made from
 * (the schema, the shared schemas, the options, as JSON): an app gets the function Fastify's
 * compiler made for an identical schema, never one made for another.
 */
const validatorPool = AjvCompiler();
const serializerSelector = SerializerSelector();
const validators = new Map<string, unknown>();
const serializers = new Map<string, (doc: unknown) => string>();

/** The schema as JSON, or undefined when it holds what JSON cannot say (a function, a RegExp): then it is compiled afresh. */
function key(...parts: unknown[]): string | undefined {
  try {
    return JSON.stringify(parts, (_k, v: unknown) => {
      if (typeof v === 'function' || typeof v === 'bigint' || v instanceof RegExp) throw new Error('not JSON');
      return v;
    });
  } catch {
    return undefined;
  }
}

type Factories = NonNullable<BuildOptions['compilersFactory']>;

export const sharedCompilers: Factories = {
  buildValidator: (externalSchemas, options) => {
    const compile = validatorPool(externalSchemas, options);
    return (route) => {
      const k = key(externalSchemas, options, route.schema);
      if (k === undefined) return compile(route);
      if (!validators.has(k)) validators.set(k, compile(route));
      return validators.get(k) as ReturnType<typeof compile>;
    };
  },
  buildSerializer: (externalSchemas, options) => {
    const compile = serializerSelector(externalSchemas, options);
    return (route) => {
      const k = key(externalSchemas, options, route.schema);
      if (k === undefined) return compile(route);
      let serialize = serializers.get(k);
      if (!serialize) serializers.set(k, (serialize = compile(route)));
      return serialize;
    };
  },
};

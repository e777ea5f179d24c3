import type * as z from 'zod';

/**
 * A zod schema built the first time it is used. Building schemas (hundreds of objects, each
 * with its checks) was the largest part of what Haven's own modules cost a cold start (README,
 * "Cold start"), and most requests parse with few of them: a module defines its schemas with
 * this, and a cold start builds only the ones its first request needs. The value
 * stands for the schema everywhere: parse, compose (`.optional()`, a field of `z.object`),
 * `instanceof`. Only its identity differs, and `z.toJSONSchema` keys what it has seen by
 * identity: a schema meant for JSON Schema is composed of the pieces themselves (`once`), and
 * only the whole is lazy. tests/unit/lazy-schema.test.ts pins that no module but the
 * configuration builds a schema at import.
 */
export function lazySchema<T extends z.ZodType>(build: () => T): T {
  const schema = once(build);
  return new Proxy({} as T, {
    get: (_, key) => Reflect.get(schema(), key),
    set: (_, key, value) => Reflect.set(schema(), key, value),
    has: (_, key) => Reflect.has(schema(), key),
    ownKeys: () => Reflect.ownKeys(schema()),
    getPrototypeOf: () => Reflect.getPrototypeOf(schema()),
    // A proxy may not report a property as fixed that its (empty) target lacks.
    getOwnPropertyDescriptor: (_, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(schema(), key);
      return descriptor && { ...descriptor, configurable: true };
    },
  });
}

/** A value built on its first call and kept: the pieces a module composes its schemas of. */
export function once<T>(build: () => T): () => T {
  let built: { value: T } | undefined;
  return () => {
    built ??= { value: build() };
    return built.value;
  };
}

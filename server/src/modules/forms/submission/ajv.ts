import Ajv2020 from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { JsonSchema } from '../compile/field-schema';

/**
 * One ajv (JSON Schema 2020-12) for every form. Formats come from ajv-formats; the date bounds
 * formatMinimum/formatMaximum are defined here with ajv-formats' names and meaning (an ISO date
 * compares as a string), because its own keyword code needs the very copy of ajv it was built
 * with, which the workspace does not guarantee.
 */
export function createAjv(): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false, strictRequired: false });
  addFormats(ajv, { formats: ['date', 'date-time', 'email', 'uuid'], keywords: false });
  const bound = (keyword: string, ok: (value: string, limit: string) => boolean) =>
    ajv.addKeyword({
      keyword,
      type: 'string',
      schemaType: 'string',
      compile: (limit: string) => (value: string) => !/^\d{4}-\d{2}-\d{2}$/.test(value) || ok(value, limit),
    });
  bound('formatMinimum', (value, limit) => value >= limit);
  bound('formatMaximum', (value, limit) => value <= limit);
  return ajv;
}

const shared = createAjv();

/** Compiled validators of published versions, which never change: cached until evicted. */
const MAX_CACHED = 1000;
const cache = new Map<string, { validate: ValidateFunction; schema: JsonSchema }>();

export function cachedValidator(cacheKey: string, schema: JsonSchema): ValidateFunction {
  const hit = cache.get(cacheKey);
  if (hit) {
    // Refresh its place: the Map's order is the eviction order.
    cache.delete(cacheKey);
    cache.set(cacheKey, hit);
    return hit.validate;
  }
  const validate = shared.compile(schema);
  cache.set(cacheKey, { validate, schema });
  if (cache.size > MAX_CACHED) {
    const [oldestKey, oldest] = cache.entries().next().value!;
    cache.delete(oldestKey);
    shared.removeSchema(oldest.schema);
  }
  return validate;
}

/** Compiles without caching: for drafts, whose schema changes with every edit. */
export function compileOnce(schema: JsonSchema): ValidateFunction {
  const ajv = createAjv();
  return ajv.compile(schema);
}

export const cachedValidatorCount = () => cache.size;

import { z } from 'zod';
import type { Config } from './schema';

/**
 * A value with its invalid parts left out (undefined): what is left of a config the schema refused, so the
 * cross-field rules can still check the parts that are right and one `check` lists every problem.
 */
export type Salvaged<T> = T extends readonly (infer Item)[]
  ? Array<Salvaged<Item> | undefined>
  : T extends object
    ? { [K in keyof T]?: Salvaged<T[K]> }
    : T;

export type ConfigParts = Salvaged<Config>;

/**
 * The valid parts of `raw`, as the schema would give them (defaults filled in): a part that passes is kept
 * whole; one that fails is taken apart, field by field and item by item, down to the parts that pass. Only
 * objects, lists and maps are taken apart; a refused text, time or source is simply left out. Each level is
 * validated again, but the schema is only a few levels deep, so this stays linear in the size of the file.
 */
export function salvageConfig(schema: z.ZodType<Config>, raw: unknown): ConfigParts {
  return (salvage(schema, raw) ?? {}) as ConfigParts;
}

function salvage(schema: z.ZodType, value: unknown): unknown {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const inner = unwrapped(schema);
  if (inner instanceof z.ZodObject && isPlainObject(value)) {
    return Object.fromEntries(
      Object.entries(inner.shape as Record<string, z.ZodType>).map(([key, field]) => [
        key,
        salvage(field, ownValue(value, key)),
      ]),
    );
  }
  if (inner instanceof z.ZodArray && Array.isArray(value)) {
    return value.map((item) => salvage(inner.element as z.ZodType, item));
  }
  if (inner instanceof z.ZodRecord && isPlainObject(value)) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => (inner.keyType as z.ZodType).safeParse(key).success)
        .map(([key, item]) => [key, salvage(inner.valueType as z.ZodType, item)]),
    );
  }
  return undefined;
}

/** `.optional()` and `.default()` wrap the schema that says what the value holds */
function unwrapped(schema: z.ZodType): z.ZodType {
  let inner = schema;
  while (inner instanceof z.ZodOptional || inner instanceof z.ZodDefault) inner = inner.unwrap() as z.ZodType;
  return inner;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** never a value inherited from Object.prototype: a key named `constructor` is just an unknown key */
function ownValue(value: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(value, key) ? value[key] : undefined;
}

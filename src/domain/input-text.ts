/**
 * Text that PostgreSQL cannot store. A `text`/`varchar` value may not contain
 * the NUL character (U+0000): the database rejects the whole statement, which
 * used to surface as a 500 from wherever the string ended up (an item title, a
 * YAML import, a search term). Every API input is checked once, before any
 * procedure runs, and a NUL anywhere becomes a field-level BAD_REQUEST.
 */
import type { FieldErrors } from "./errors";

export const NUL_MESSAGE = "Must not contain NUL characters (\\u0000)";

/** Deepest nesting looked into (inputs are shallow; this only bounds hostile ones). */
const MAX_DEPTH = 32;

export type NulFinding = { path: (string | number)[] };

/** Where the first string containing U+0000 is in `value` (keys count too), or null. */
export function findNul(value: unknown): NulFinding | null {
  const seen = new Set<object>();
  const walk = (v: unknown, path: (string | number)[]): NulFinding | null => {
    if (typeof v === "string") return v.includes("\u0000") ? { path } : null;
    if (v === null || typeof v !== "object" || seen.has(v) || path.length > MAX_DEPTH) return null;
    seen.add(v);
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const hit = walk(v[i], [...path, i]);
        if (hit) return hit;
      }
      return null;
    }
    if (v instanceof Date) return null;
    for (const key of Object.keys(v)) {
      if (key.includes("\u0000")) return { path: [...path, key] };
      const hit = walk((v as Record<string, unknown>)[key], [...path, key]);
      if (hit) return hit;
    }
    return null;
  };
  return walk(value, []);
}

/**
 * Field errors keyed by the top-level field (as zod's flattened errors are),
 * in an object without a prototype: a field named `__proto__`, `constructor`
 * or `prototype` is just another key.
 */
export function fieldErrorsAt(path: (string | number)[], message: string): FieldErrors {
  const out = Object.create(null) as FieldErrors;
  const key = path.length ? String(path[0]) : "input";
  Object.defineProperty(out, key, { value: [message], enumerable: true, writable: true, configurable: true });
  return out;
}

/** "items.3.title" — the path as a caller reads it (NUL characters shown escaped). */
export function describePath(path: (string | number)[]): string {
  return path.length ? path.map((p) => String(p).replaceAll("\u0000", "\\u0000")).join(".") : "input";
}

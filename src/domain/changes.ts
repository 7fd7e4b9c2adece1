/**
 * Partial updates: `{id, version, ...changes}` inputs where only the fields
 * present change. "Present" means "given a value": a field sent as
 * `undefined` (superjson carries explicit undefineds) leaves the stored value
 * alone, exactly as Prisma's `data: { field: undefined }` does — so the
 * merged record that rules are checked against (dates in order, indicators,
 * overlaps) is the record that will be stored.
 */

/** `before` with every field of `changes` whose value is not `undefined`. */
export function applyChanges<T extends object, C extends object>(before: T, changes: C): T & C {
  const out = { ...before } as Record<string, unknown>;
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    // Own data property even for a key such as "__proto__" (never the prototype).
    Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return out as T & C;
}

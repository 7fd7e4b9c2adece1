import { describe, expect, it } from "vitest";
import { applyChanges } from "./changes";

const before = { title: "Stored", start: "2026-01-05", finish: "2026-01-20", owner: null as string | null };

describe("applyChanges", () => {
  it.each([
    { name: "no changes", changes: {}, expected: before },
    { name: "a value replaces", changes: { title: "New" }, expected: { ...before, title: "New" } },
    { name: "null clears", changes: { start: null }, expected: { ...before, start: null } },
    { name: "undefined keeps the stored value", changes: { start: undefined }, expected: before },
    {
      name: "undefined next to real changes",
      changes: { start: undefined, finish: "2026-02-01", owner: "Ann" },
      expected: { ...before, finish: "2026-02-01", owner: "Ann" },
    },
    {
      name: "empty string and 0 are values",
      changes: { title: "", owner: "" },
      expected: { ...before, title: "", owner: "" },
    },
  ])("$name", ({ changes, expected }) => {
    expect(applyChanges(before, changes)).toEqual(expected);
  });

  it("never changes its arguments", () => {
    const b = { ...before };
    const c = { title: "X", start: undefined };
    applyChanges(b, c);
    expect(b).toEqual(before);
    expect(c).toEqual({ title: "X", start: undefined });
  });

  it("treats a key named __proto__ as a plain field, not the prototype", () => {
    const changes = JSON.parse('{"__proto__": {"polluted": true}}') as object;
    const merged = applyChanges(before, changes) as Record<string, unknown>;
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.hasOwn(merged, "__proto__")).toBe(true);
  });
});

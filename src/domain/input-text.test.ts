import { describe, expect, it } from "vitest";
import { describePath, fieldErrorsAt, findNul } from "./input-text";

describe("findNul", () => {
  it.each([
    { name: "no input", value: undefined, path: null },
    { name: "plain text", value: { title: "Fine", n: 3, ok: true, list: ["a", "b"] }, path: null },
    { name: "a top-level string", value: "a\u0000", path: [] },
    { name: "a field", value: { title: "a\u0000b" }, path: ["title"] },
    { name: "inside a list", value: { rptOut: ["SR", "C\u0000L"] }, path: ["rptOut", 1] },
    { name: "deeply nested", value: { a: { b: [{ c: "\u0000" }] } }, path: ["a", "b", 0, "c"] },
    { name: "in a key", value: { "we\u0000ird": 1 }, path: ["we\u0000ird"] },
    { name: "the first of several", value: { a: "\u0000", b: "\u0000" }, path: ["a"] },
    { name: "a Date is not text", value: { at: new Date(0) }, path: null },
    { name: "the text \\0 (backslash zero) is fine", value: { yaml: 'title: "x\\0"' }, path: null },
  ])("$name", ({ value, path }) => {
    expect(findNul(value)?.path ?? null).toEqual(path);
  });

  it("survives cycles", () => {
    const a: Record<string, unknown> = { x: "ok" };
    a.self = a;
    expect(findNul(a)).toBeNull();
  });
});

describe("fieldErrorsAt", () => {
  it.each(["title", "__proto__", "constructor", "prototype", "toString"])(
    "keys the error by %s, as an own field",
    (key) => {
      const fe = fieldErrorsAt([key, 3], "bad");
      expect(Object.keys(fe)).toEqual([key]);
      expect(Object.getOwnPropertyDescriptor(fe, key)?.value).toEqual(["bad"]);
      expect(JSON.parse(JSON.stringify(fe))).toEqual(JSON.parse(`{"${key}": ["bad"]}`));
    },
  );

  it("names the whole input when the input itself is the string", () => {
    expect(fieldErrorsAt([], "bad")).toEqual({ input: ["bad"] });
  });
});

describe("describePath", () => {
  it.each([
    [[], "input"],
    [["title"], "title"],
    [["rptOut", 1], "rptOut.1"],
    [["we\u0000ird"], "we\\u0000ird"],
  ] as const)("%j → %s", (path, text) => {
    expect(describePath([...path])).toBe(text);
  });
});

/**
 * Values that have broken JavaScript and SQL code before — odd object keys,
 * NUL characters, lone surrogates, SQL and formula injection, impossible dates,
 * numbers at and past every integer boundary — for the fuzzers (zod-arbitrary.ts).
 */
import fc from "fast-check";

/** Keys that have tripped JavaScript code before: prototype pollution, shadowed methods. */
export const ODD_KEYS = [
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "hasOwnProperty",
  "valueOf",
  "",
];

/** An object with `key` as an own, enumerable property (even `__proto__`). */
export function withOwn(obj: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = { ...obj };
  Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  return out;
}

export function weirdString(maxLen: number): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom(
      "",
      " ",
      "\u0000",
      "a\u0000b",
      "\u0000".repeat(3),
      "\ud800", // a lone surrogate
      "\udfff\ud800",
      "😀👩‍👩‍👧‍👦",
      "\u202e\u200b\ufeff",
      "Ω≈ç√∫",
      "null",
      "undefined",
      "NaN",
      "-1",
      "1e309",
      "0x7fffffff",
      "2147483648",
      "9007199254740993",
      "2026-02-30",
      "9999-12-31",
      "0000-00-00",
      "' OR 1=1 --",
      "'; DROP TABLE items; --",
      "<script>alert(1)</script>",
      '=HYPERLINK("http://x")',
      "../../etc/passwd",
      "%00",
      "%E0%A4%A",
      "\\",
      '"',
      "{}",
      "[]",
      "__proto__",
      "constructor",
      "prototype",
      "a".repeat(256),
    ),
    fc.string({ unit: "binary", maxLength: 40 }),
    fc.string({ unit: "grapheme", maxLength: 40 }),
    fc.tuple(fc.string({ maxLength: 20 }), fc.string({ maxLength: 20 })).map(([a, b]) => `${a}\u0000${b}`),
    fc
      .tuple(
        fc.constantFrom("x", "é", "😀", "\u0000", " "),
        fc.integer({ min: 100, max: Math.max(100, maxLen) }),
      )
      .map(([c, n]) => c.repeat(Math.max(1, Math.floor(n / c.length)))),
  );
}

export const weirdNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(
    0,
    -0,
    -1,
    1,
    0.5,
    -0.5,
    1e-9,
    2 ** 31 - 1,
    2 ** 31,
    -(2 ** 31),
    -(2 ** 31) - 1,
    2 ** 32,
    2 ** 53,
    -(2 ** 53),
    Number.MAX_SAFE_INTEGER,
    Number.MIN_SAFE_INTEGER,
    Number.MAX_VALUE,
    -Number.MAX_VALUE,
    Number.MIN_VALUE,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
  ),
  fc.integer(),
  fc.double(),
);

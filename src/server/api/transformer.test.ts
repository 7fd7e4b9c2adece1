import superjson from "superjson";
import { describe, expect, it } from "vitest";
import { serializeResponse } from "./transformer";

/** What a superjson client ends up with after the wire. */
const overTheWire = (serialized: unknown) => superjson.deserialize(JSON.parse(JSON.stringify(serialized)));

class Money {
  constructor(private readonly cents: number) {}
  toJSON() {
    return (this.cents / 100).toFixed(2);
  }
}

const CASES: [string, unknown][] = [
  ["plain data", { a: 1, b: "x", c: [true, null], d: { e: [] } }],
  ["null", null],
  ["a root Date", new Date("2025-03-14T10:00:00Z")],
  ["a root undefined", undefined],
  [
    "Dates in a list",
    {
      items: [
        { createdAt: new Date(0), n: 1 },
        { createdAt: new Date(1e12), n: 2 },
      ],
      total: 2,
    },
  ],
  ["undefined in objects and arrays", { a: undefined, b: [1, undefined, 3], c: { d: undefined } }],
  ["keys with dots and backslashes", { "a.b": new Date(5), "c\\d": { "e.f": undefined } }],
  ["nested arrays", [[new Date(7)], [[undefined]]]],
  ["a class instance with toJSON", { price: new Money(1250) }],
  ["a Map (falls back to superjson)", { m: new Map([["k", new Date(3)]]) }],
  ["a Set", new Set([1, 2])],
  ["a BigInt", { n: 10n }],
  ["NaN and -0", { a: Number.NaN, b: -0, c: Number.POSITIVE_INFINITY }],
  ["a RegExp", { r: /x+/g }],
  ["an invalid Date", { d: new Date("nope") }],
];

describe("serializeResponse", () => {
  it.each(CASES)("reads back like superjson: %s", (_name, value) => {
    expect(overTheWire(serializeResponse(value))).toEqual(overTheWire(superjson.serialize(value)));
  });

  it("keeps Dates as Dates and undefined as undefined on the client", () => {
    const back = overTheWire(serializeResponse({ at: new Date(0), gone: undefined, list: [undefined] })) as {
      at: Date;
      gone?: unknown;
      list: unknown[];
    };
    expect(back.at).toBeInstanceOf(Date);
    expect(back.at.getTime()).toBe(0);
    expect("gone" in back && back.gone === undefined).toBe(true);
    expect(back.list).toEqual([undefined]);
  });

  it("writes plain data without a meta block and the value itself as json", () => {
    const value = { a: [1, 2], b: { c: "d" } };
    const out = serializeResponse(value);
    expect(out).toEqual({ json: value });
    expect(out.json).toBe(value);
  });
});

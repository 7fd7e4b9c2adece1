/**
 * The zod → fast-check bridge the HTTP fuzz test relies on: near-valid values
 * really are valid most of the time (so fuzzed calls reach the services),
 * real values are used for named fields, and garbage — NUL characters, odd
 * keys, out-of-range numbers — does show up.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ZCreateItem, ZListItems, ZUpdateItem } from "@/contracts/item";
import { ZMoney } from "@/contracts/common";
import { ODD_KEYS } from "../support/hostile-values";
import { procedureInputArbitrary, zodArbitrary } from "../support/zod-arbitrary";

const SEED = 42;
const sample = <T>(arb: fc.Arbitrary<T>, n = 400) => fc.sample(arb, { numRuns: n, seed: SEED });
const validShare = (schema: z.ZodType, values: unknown[]) =>
  values.filter((v) => schema.safeParse(v).success).length / values.length;

const DATES = ["2026-01-05"];
const MONEY = ["1250.50", "0"];
const onlyValid = { validWeight: 1_000_000 };

describe("near-valid values", () => {
  it.each([
    ["string with bounds", z.string().min(2).max(5)],
    ["uuid", z.uuid()],
    ["email", z.email()],
    ["url", z.url()],
    ["regex", z.string().regex(/^[a-z][a-z0-9-]{2,10}$/)],
    ["int with bounds", z.number().int().min(1).max(5)],
    ["float with bounds", z.number().min(-2).max(2)],
    ["enum", z.enum(["a", "b"])],
    ["literal", z.literal("x")],
    [
      "nullable / optional / default",
      z.object({ a: z.string().nullable(), b: z.number().optional(), c: z.boolean().default(true) }),
    ],
    ["array with bounds", z.array(z.number().int()).min(1).max(3)],
    ["union", z.union([z.string().max(3), z.number().int()])],
    ["record", z.record(z.string(), z.number())],
    ["tuple", z.tuple([z.string(), z.boolean()])],
    ["date", z.coerce.date()],
  ])("%s: almost always valid", (_, schema) => {
    const values = sample(zodArbitrary(schema, onlyValid), 200);
    expect(validShare(schema as z.ZodType, values)).toBeGreaterThan(0.7);
  });

  it("generates the input side of a pipe (money: strings and numbers before the transform)", () => {
    const values = sample(zodArbitrary(ZMoney, onlyValid), 200);
    expect(values.some((v) => typeof v === "string")).toBe(true);
    expect(values.some((v) => typeof v === "number")).toBe(true);
    expect(validShare(ZMoney, values)).toBeGreaterThan(0.1);
  });

  it("gets real item inputs past validation often (dates and names from fieldValues)", () => {
    const dates = { start: DATES, finish: DATES, deadline: DATES };
    const opts = { fieldValues: { ...dates, budgetAmount: MONEY, costImpact: MONEY }, validWeight: 200 };
    for (const schema of [ZCreateItem, ZUpdateItem, ZListItems]) {
      expect(validShare(schema, sample(zodArbitrary(schema, opts)))).toBeGreaterThan(0.15);
    }
  });

  it("uses the given real values for fields of those names, at any depth", () => {
    const schema = z.object({ orgSlug: z.string(), nested: z.object({ itemNum: z.number().int() }) });
    const values = sample(
      zodArbitrary(schema, { fieldValues: { orgSlug: ["acme"], itemNum: [7] }, ...onlyValid }),
    ) as { orgSlug?: unknown; nested?: { itemNum?: unknown } }[];
    expect(values.filter((v) => v.orgSlug === "acme").length).toBeGreaterThan(200);
    expect(values.filter((v) => v.nested?.itemNum === 7).length).toBeGreaterThan(150);
  });

  it("uses only the given URLs for url fields", () => {
    const values = sample(
      zodArbitrary(z.object({ issuer: z.url() }), { urlValues: ["http://127.0.0.1:9/"], ...onlyValid }),
    );
    const urls = values
      .map((v) => (v as { issuer?: unknown }).issuer)
      .filter((u) => typeof u === "string" && u.includes("://"));
    expect(new Set(urls)).toEqual(new Set(["http://127.0.0.1:9/"]));
  });
});

describe("garbage", () => {
  const schema = z.object({
    title: z.string().max(50),
    count: z.number().int().min(0).max(10),
    tags: z.array(z.string()),
  });
  const values = sample(zodArbitrary(schema), 2_000);
  const json = values.map((v) => {
    try {
      return JSON.stringify(v) ?? "";
    } catch {
      return ""; // BigInt
    }
  });

  it("includes NUL characters, odd keys, huge and fractional numbers, wrong types", () => {
    expect(json.some((j) => j.includes("\\u0000"))).toBe(true);
    expect(
      values.some(
        (v) => v !== null && typeof v === "object" && ODD_KEYS.some((k) => k && Object.hasOwn(v, k)),
      ),
    ).toBe(true);
    expect(
      values.some(
        (v) =>
          typeof (v as { count?: unknown })?.count === "number" &&
          !Number.isSafeInteger((v as { count: number }).count),
      ),
    ).toBe(true);
    expect(values.some((v) => typeof (v as { title?: unknown })?.title !== "string")).toBe(true);
    expect(validShare(schema, values)).toBeLessThan(0.95);
    expect(validShare(schema, values)).toBeGreaterThan(0.2);
  });

  it("never pollutes Object.prototype, even with __proto__ keys", () => {
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain("polluted");
  });
});

describe("procedureInputArbitrary", () => {
  it("merges the objects of chained input parsers, as tRPC does", () => {
    const inputs = [
      z.object({ orgSlug: z.string() }),
      z.object({ projectId: z.uuid() }),
      z.object({ title: z.string() }),
    ];
    const merged = z.object({ orgSlug: z.string(), projectId: z.uuid(), title: z.string() });
    const values = sample(procedureInputArbitrary(inputs, onlyValid), 100);
    expect(validShare(merged, values)).toBeGreaterThan(0.9);
  });

  it("mostly sends no input to a procedure without parsers", () => {
    const values = sample(procedureInputArbitrary([]), 200);
    expect(values.filter((v) => v === undefined).length).toBeGreaterThan(100);
  });
});

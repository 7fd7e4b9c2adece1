import { describe, expect, it } from "vitest";
import { toAuditJson } from "./audit";
import { auditJson } from "./bulk-insert";

const decimal = (s: string) => ({ d: [1], toFixed: () => s, toString: () => s, toJSON: () => s });

describe("auditJson", () => {
  it.each([
    ["a midnight date (a DATE column)", new Date("2025-03-14T00:00:00Z")],
    ["a timestamp", new Date("2025-03-14T10:11:12.345Z")],
    ["a bigint", 12345678901234567890n],
    ["a Prisma decimal", decimal("40000.50")],
    [
      "nested values",
      {
        a: [1, "x", null, undefined, new Date("2024-01-02T00:00:00Z")],
        b: { c: undefined, d: decimal("1.00") },
      },
    ],
    [
      "an imported item",
      {
        itemNum: 3,
        title: "T",
        notes: [{ date: "2025-01-01", content: "x" }],
        budgetAmount: null,
        draft: false,
      },
    ],
    ["null", null],
    ["undefined", undefined],
    ["a string", "plain"],
    ["a function inside an object", { f: () => 1 }],
  ])("writes %s exactly as JSON.stringify(toAuditJson(…))", (_, value) => {
    expect(auditJson(value)).toBe(JSON.stringify(toAuditJson(value)));
  });
});

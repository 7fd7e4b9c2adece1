import { describe, expect, it } from "vitest";
import { formatMoney, formatMoneyCompact, formatMoneyExact } from "./money";

describe("money", () => {
  it.each([
    [13300, "$13,300"],
    ["13300.00", "$13,300"],
    [40000.5, "$40,000.50"],
    ["12500.28", "$12,500.28"],
    [0, "$0"],
    [-4200, "-$4,200"],
  ])("formatMoney(%s) = %s", (v, out) => expect(formatMoney(v)).toBe(out));

  it.each([
    [13300, "$13,300.00"],
    ["72.5", "$72.50"],
  ])("formatMoneyExact(%s) = %s", (v, out) => expect(formatMoneyExact(v)).toBe(out));

  it.each([
    [550_000, "$550K"],
    [1_500_000, "$1.5M"],
    [0, "$0"],
  ])("formatMoneyCompact(%s) = %s (chart axes)", (v, out) => expect(formatMoneyCompact(v)).toBe(out));
});

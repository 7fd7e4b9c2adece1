import { describe, expect, it } from "vitest";
import { findRate, isInEffect, resourceKey, windowsOverlap, type RateCardEntry } from "./rate-card";

const entry = (over: Partial<RateCardEntry> & { hourlyRate: string }): RateCardEntry => ({
  resourceName: "Ana Ruiz",
  effectiveFrom: null,
  effectiveTo: null,
  projectId: null,
  ...over,
});

describe("resourceKey", () => {
  it.each([
    ["Ana Ruiz", "ana ruiz"],
    ["  ana   RUIZ ", "ana ruiz"],
  ])("%j → %j", (a, b) => expect(resourceKey(a)).toBe(b));
});

describe("isInEffect", () => {
  it.each([
    [null, null, "2025-01-01", true],
    ["2025-01-01", null, "2025-01-01", true],
    ["2025-01-02", null, "2025-01-01", false],
    [null, "2025-01-01", "2025-01-01", true],
    [null, "2024-12-31", "2025-01-01", false],
  ])("from %s to %s on %s → %s", (from, to, date, ok) =>
    expect(isInEffect({ effectiveFrom: from, effectiveTo: to }, date)).toBe(ok),
  );
});

describe("findRate", () => {
  const card = [
    entry({ hourlyRate: "150.00", effectiveTo: "2024-12-31" }),
    entry({ hourlyRate: "185.00", effectiveFrom: "2025-01-01" }),
    entry({ hourlyRate: "170.00", effectiveFrom: "2025-01-01", projectId: "p1" }),
    entry({ resourceName: "Bo Chen", hourlyRate: "160.00" }),
  ];

  it.each([
    ["ana ruiz", "2024-06-07", null, "150.00"],
    ["Ana Ruiz", "2025-03-07", null, "185.00"],
    ["Ana Ruiz", "2025-03-07", "p1", "170.00"],
    ["Bo  Chen", "2030-01-04", null, "160.00"],
    ["Nobody", "2025-03-07", null, null],
  ])("%s on %s (project %s) → %s", (name, date, project, rate) => {
    const visible = card.filter((e) => e.projectId === null || e.projectId === project);
    expect(findRate(visible, name, date)?.hourlyRate ?? null).toBe(rate);
  });

  it("prefers the entry that took effect last", () => {
    const r = findRate(
      [entry({ hourlyRate: "1.00" }), entry({ hourlyRate: "2.00", effectiveFrom: "2025-02-01" })],
      "Ana Ruiz",
      "2025-03-01",
    );
    expect(r?.hourlyRate).toBe("2.00");
  });
});

describe("windowsOverlap", () => {
  const w = (from: string | null, to: string | null) => ({ effectiveFrom: from, effectiveTo: to });
  it.each([
    [w(null, null), w("2025-01-01", null), true],
    [w(null, "2024-12-31"), w("2025-01-01", null), false],
    [w("2025-01-01", "2025-01-31"), w("2025-01-31", "2025-02-28"), true],
    [w("2025-01-01", "2025-01-31"), w("2025-02-01", "2025-02-28"), false],
  ])("%j / %j → %s", (a, b, o) => {
    expect(windowsOverlap(a, b)).toBe(o);
    expect(windowsOverlap(b, a)).toBe(o);
  });
});

import { describe, expect, it } from "vitest";
import { withIndicators } from "../indicators";
import { loadRaid, raidCases } from "../testing/fixtures";
import { jsonExport } from "./json";

describe.each(raidCases)("JSON export of $file as of $asOf", ({ file, asOf, exp }) => {
  const { project, items } = loadRaid(file);
  const out = jsonExport(project, withIndicators([...items].reverse(), asOf), {
    generatedOn: "2030-01-02",
    asOf,
  });

  it("carries the project, the dates and every item with its indicator, by number", () => {
    expect(out).toMatchObject({
      format: "braidmgr.items",
      version: 1,
      generatedOn: "2030-01-02",
      asOf,
      project,
    });
    expect(Object.fromEntries(out.items.map((i) => [String(i.itemNum), i.indicator]))).toEqual(
      exp.indicators,
    );
    expect(out.items.map((i) => i.itemNum)).toEqual(items.map((i) => i.itemNum).sort((a, b) => a - b));
  });

  it("survives JSON.stringify unchanged", () => {
    expect(JSON.parse(JSON.stringify(out))).toEqual(out);
  });
});

describe("JSON export for clients", () => {
  it("drops notes when asked", () => {
    const { project, items } = loadRaid("RAID-Log-Sample-Platform-Upgrade.yaml");
    expect(items.some((i) => i.notes.length > 0)).toBe(true);
    const out = jsonExport(project, items, {
      generatedOn: "2030-01-02",
      asOf: "2030-01-02",
      includeNotes: false,
    });
    expect(out.items.every((i) => i.notes.length === 0)).toBe(true);
    expect(items.some((i) => i.notes.length > 0)).toBe(true);
  });
});

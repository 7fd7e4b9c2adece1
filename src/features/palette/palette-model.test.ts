import { describe, expect, it } from "vitest";
import {
  filterEntries,
  matchScore,
  parseItemRef,
  questionOf,
  shouldSearch,
  type PaletteEntry,
} from "./palette-model";

describe("parseItemRef", () => {
  it.each([
    ["#12", 12],
    ["# 12", 12],
    ["12", 12],
    ["  #7 ", 7],
    ["#0", null],
    ["#12a", null],
    ["risk 12", null],
    ["", null],
    ["#", null],
  ])("%j → %j", (q, n) => expect(parseItemRef(q)).toBe(n));
});

describe("matchScore", () => {
  const e = { label: "Timeline", hint: "Apollo", keywords: ["gantt", "schedule"] };
  it.each([
    ["", 1],
    ["time", 3],
    ["TIME", 3],
    ["gantt", 1],
    ["apol", 1],
    ["line", 0],
    ["time apollo", 2],
    ["time zeus", 0],
  ])("%j → %d", (q, s) => expect(matchScore(e, q)).toBe(s));

  it("ignores accents and ranks a later word of the label above a keyword", () => {
    expect(matchScore({ label: "Café budget" }, "cafe")).toBe(3);
    expect(matchScore({ label: "All items" }, "items")).toBe(2);
  });
});

describe("filterEntries", () => {
  const entries: PaletteEntry<string>[] = [
    { id: "p1", group: "Projects", label: "Apollo", action: "a" },
    { id: "c1", group: "Commands", label: "Switch to dark theme", keywords: ["theme"], action: "d" },
    { id: "g1", group: "Pages", label: "Dashboard", action: "x" },
    { id: "g2", group: "Pages", label: "Budget", action: "b" },
    { id: "p2", group: "Projects", label: "Budget tracker", action: "t" },
  ];

  it("keeps the group order and the given order for an empty query", () => {
    expect(filterEntries(entries, "").map((e) => e.id)).toEqual(["c1", "g1", "g2", "p1", "p2"]);
  });

  it("keeps matches only, best first in a group", () => {
    expect(filterEntries(entries, "bud").map((e) => e.id)).toEqual(["g2", "p2"]);
    expect(filterEntries(entries, "theme").map((e) => e.id)).toEqual(["c1"]);
    expect(filterEntries(entries, "nothing")).toEqual([]);
  });

  it("caps each group", () => {
    expect(filterEntries(entries, "", 1).map((e) => e.id)).toEqual(["c1", "g1", "p1"]);
  });
});

describe("questionOf / shouldSearch", () => {
  it("strips a leading ?", () => {
    expect(questionOf("? what is late ")).toBe("what is late");
    expect(questionOf("risks")).toBe("risks");
  });
  it.each([
    ["m", false],
    ["mi", true],
    ["#12", false],
    ["?late", false],
    ["  ", false],
  ])("%j → %j", (q, s) => expect(shouldSearch(q)).toBe(s));
});

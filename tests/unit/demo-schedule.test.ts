/**
 * The demo project gives the schedule views something to show on day one:
 * dependencies that make a critical path of several items, and a "plan of
 * record" baseline (scripts/lib/demo-baseline.ts) against which some items
 * slipped, some were pulled in and one was added. Worked on the fixture's own
 * dates (the demo moves every date by the same whole weeks, which changes
 * neither the path nor the day counts).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { compareBaseline, snapshotItems } from "@/domain/baseline";
import { criticalPath } from "@/domain/critical-path";
import { parseRaidYaml } from "@/domain/yaml-v1";
import { DEMO_ADDED_SINCE, DEMO_SLIPS, demoBaselinePlan } from "../../scripts/lib/demo-baseline";

const FIXTURE_TODAY = "2025-03-24";
const parsed = parseRaidYaml(
  readFileSync(
    path.join(import.meta.dirname, "..", "..", "prisma", "demo", "RAID-Log-Harbor-Bridge-Upgrade.yaml"),
    "utf8",
  ),
);
if (!parsed.ok) throw new Error("the demo RAID log does not parse");
const items = parsed.items;

describe("the demo's critical path", () => {
  const cp = criticalPath(items);
  it("runs through several dependent items to the plan's finish", () => {
    expect(cp.path.length).toBeGreaterThanOrEqual(3);
    const last = cp.items.find((i) => i.itemNum === cp.path.at(-1));
    expect(last?.ef).toBe(cp.finish);
    for (const n of cp.path) expect(cp.items.find((i) => i.itemNum === n)?.slack).toBe(0);
  });
  it("finishes inside the plan: the dependencies agree with the dates", () => {
    expect(cp.finish! <= parsed.project.projectEnd!).toBe(true);
    for (const i of items)
      for (const d of i.dependsOn) {
        const pred = items.find((p) => p.itemNum === d)!;
        if (pred.finish && i.start) expect(pred.finish < i.start, `#${i.itemNum} after #${d}`).toBe(true);
      }
  });
  it("leaves other items with slack, so the toggle has something to fade", () => {
    expect(cp.items.filter((i) => i.slack > 0).length).toBeGreaterThan(5);
  });
});

describe("the demo's plan of record", () => {
  const cmp = compareBaseline(snapshotItems(items), snapshotItems(demoBaselinePlan(items, FIXTURE_TODAY)));
  it("shows every seeded slip with its days, largest first", () => {
    const expected = Object.entries(DEMO_SLIPS)
      .map(([n, d]) => ({ itemNum: Number(n), days: d }))
      .filter((s) => s.days > 0)
      .sort((a, b) => b.days - a.days || a.itemNum - b.itemNum);
    expect(cmp.slipped.map((s) => ({ itemNum: s.itemNum, days: s.days }))).toEqual(expected);
    expect(cmp.slipped[0]).toMatchObject({ itemNum: 11, days: 14 });
  });
  it("shows the pulled-in items and the one added since", () => {
    expect(cmp.pulledIn.map((s) => [s.itemNum, s.days])).toEqual([
      [36, 4],
      [29, 2],
    ]);
    expect(cmp.added).toEqual([...DEMO_ADDED_SINCE]);
    expect(cmp.removed).toEqual([]);
  });
  it("puts a critical-path item among the slipped ones", () => {
    const onPath = new Set(criticalPath(items).path);
    expect(cmp.slipped.some((s) => onPath.has(s.itemNum))).toBe(true);
  });
});

describe("the demo reads like a real project", () => {
  const dir = path.join(import.meta.dirname, "..", "..", "prisma", "demo");
  const files = ["RAID-Log-Harbor-Bridge-Upgrade.yaml", "RAID-Log-Cruise-Terminal-Wi-Fi.yaml"];
  it.each(files)("%s: distinct titles, none of the test fixtures' hostile text", (file) => {
    const r = parseRaidYaml(readFileSync(path.join(dir, file), "utf8"));
    if (!r.ok) throw new Error(`${file} does not parse`);
    const titles = r.items.map((i) => i.title);
    expect(new Set(titles).size).toBe(titles.length);
    for (const t of titles) {
      expect(t).not.toMatch(/[<>"]|script|#\d+$|\p{Extended_Pictographic}/u);
      expect(t.length).toBeGreaterThan(10);
    }
    for (const i of r.items) expect(i.description ?? "").not.toMatch(/Line one|Plain description/);
  });
});

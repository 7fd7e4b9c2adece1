import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { loadRaid, RAID_FILES, readFixture } from "./testing/fixtures";
import { EMPTY_ITEM_FIELDS, EMPTY_PROJECT_FIELDS, itemRecord } from "./testing/items";
import { NO_RISK, parseErrors, parseOk, raid } from "./testing/raid-yaml";
import type { ItemRecord, ProjectMeta } from "./types";
import {
  normalizeItemType,
  parseDateText,
  parseNotesText,
  parseRaidYaml,
  serializeRaidYaml,
} from "./yaml-v1";

/* Reading v1 RAID files: the fixtures, dates, notes, field conversions and the risk fields.
   Rejected input and dependency cycles: yaml-v1-validation.test.ts; budgets: yaml-v1-budget.test.ts. */

/** The raw YAML, read independently of the parser under test. */
type RawItem = Record<string, unknown> & { item_num: number; dep_item_num?: unknown[] };
const rawItems = (file: string): RawItem[] => YAML.parse(readFixture(file)).items;

describe("parseRaidYaml on the fixtures", () => {
  describe.each(RAID_FILES)("%s", (file) => {
    const { project, items, warnings } = loadRaid(file);
    const raw = rawItems(file);
    const rawMeta = YAML.parse(readFixture(file)).metadata;

    it("reads every item without warnings", () => {
      expect(warnings).toEqual([]);
      expect(items.map((i) => i.itemNum)).toEqual(raw.map((r) => r.item_num));
    });

    it("reads the metadata", () => {
      expect(project).toMatchObject({
        name: rawMeta.project_name,
        clientName: rawMeta.client_name,
        workstreams: rawMeta.workstreams,
      });
      expect(project.nextItemNum).toBe(Math.max(rawMeta.next_item_num, ...raw.map((r) => r.item_num + 1)));
    });

    it("keeps titles exactly and turns string dependency numbers into numbers", () => {
      items.forEach((item, i) => {
        expect(item.title).toBe(raw[i]!.title);
        expect(item.dependsOn).toEqual((raw[i]!.dep_item_num ?? []).map(Number));
        expect(item.indicator).toBeNull();
      });
    });

    it("splits notes into one entry per dated line", () => {
      items.forEach((item, i) => {
        const lines = typeof raw[i]!.notes === "string" ? (raw[i]!.notes as string).trim().split("\n") : [];
        expect(item.notes.map((n) => `${n.date}: ${n.content}`)).toEqual(lines);
      });
    });

    it("round-trips without loss: parse(serialize(parse(x))) = parse(x)", () => {
      const again = parseRaidYaml(serializeRaidYaml(project, items));
      expect(again).toEqual({ ok: true, project, items, warnings: [] });
    });
  });

  it("keeps block-scalar descriptions byte for byte (trailing newline included)", () => {
    const { items } = loadRaid("RAID-Log-Sample-Platform-Upgrade.yaml");
    const raw = rawItems("RAID-Log-Sample-Platform-Upgrade.yaml");
    expect(items[0]!.description).toBe(raw[0]!.description);
    expect(items[0]!.description?.endsWith("\n")).toBe(true);
  });

  it("reads budget amounts as exact two-decimal strings", () => {
    const { items } = loadRaid("RAID-Log-Harbor-Bridge-Upgrade.yaml");
    const raw = rawItems("RAID-Log-Harbor-Bridge-Upgrade.yaml");
    for (const [i, item] of items.entries()) {
      const amount = raw[i]!.budget_amount;
      expect(item.budgetAmount).toBe(amount === undefined ? null : (amount as number).toFixed(2));
    }
  });
});

describe("dates", () => {
  it.each([
    ["2024-03-05", "2024-03-05"],
    ["2024-3-5", "2024-03-05"],
    ["03/05/2024", "2024-03-05"],
    ["3/5/2024", "2024-03-05"],
    ["2024/03/05", "2024-03-05"],
    ["March 5, 2024", "2024-03-05"],
    ["Mar 5 2024", "2024-03-05"],
    ["september 30, 2024", "2024-09-30"],
    ["2024-02-29", "2024-02-29"],
    ["2023-02-29", null],
    ["13/01/2024", null],
    ["Smarch 5, 2024", null],
    ["2024-03-05T10:00", null],
    ["soon", null],
  ])("%s → %s", (text, want) => {
    expect(parseDateText(text)).toBe(want);
  });

  it("reads YAML dates (unquoted) as calendar dates, never shifted by a time zone", () => {
    const { items } = parseOk(
      raid(
        "- item_num: 1\n  type: Risk\n  title: T\n  start: 2024-03-05\n  finish: 2024-03-09T23:30:00-08:00\n  deadline: 'March 10, 2024'",
      ),
    );
    expect(items[0]).toMatchObject({ start: "2024-03-05", finish: "2024-03-09", deadline: "2024-03-10" });
  });
});

describe("notes", () => {
  it("joins continuation lines to the note above and accepts MM/DD/YYYY", () => {
    const text = "2024-01-20: First\n  more detail\n\n  - a bullet\n01/25/2024: Second\n";
    expect(parseNotesText(text)).toEqual([
      { date: "2024-01-20", content: "First\n  more detail\n\n  - a bullet" },
      { date: "2024-01-25", content: "Second" },
    ]);
  });

  it("accepts a list of {date, content} and of dated strings", () => {
    const { items } = parseOk(
      raid(
        "- item_num: 1\n  type: Risk\n  title: T\n  notes:\n  - date: 2024-01-02\n    content: From a list\n    author: Ana\n  - '2024-01-03: As text'",
      ),
    );
    expect(items[0]!.notes).toEqual([
      { date: "2024-01-02", content: "From a list", author: "Ana" },
      { date: "2024-01-03", content: "As text" },
    ]);
  });

  it("rejects text before the first dated line", () => {
    expect(parseNotesText("no date here\n2024-01-01: ok")).toEqual({
      problem: expect.stringMatching(/line 1 does not start with a date/),
    });
  });

  it("writes notes back as text unless that would not read back the same", () => {
    const project: ProjectMeta = { name: "P", ...EMPTY_PROJECT_FIELDS };
    const item = (itemNum: number, notes: ItemRecord["notes"]): ItemRecord =>
      itemRecord({ itemNum, type: "Risk", title: "T", notes, ...NO_RISK });
    const items = [
      item(1, [{ date: "2024-01-01", content: "plain\nsecond line" }]),
      item(2, [
        { date: "2024-01-01", content: "looks like\n2024-02-02: another note" },
        { date: "2024-01-05", content: "x", author: "Bo" },
      ]),
    ];
    const text = serializeRaidYaml(project, items);
    expect(YAML.parse(text).items[0].notes).toBe("2024-01-01: plain\nsecond line");
    expect(Array.isArray(YAML.parse(text).items[1].notes)).toBe(true);
    expect(parseOk(text).items).toEqual(items);
  });
});

describe("field conversions", () => {
  it.each([
    ["action", "Action Item"],
    ["Action Item", "Action Item"],
    ["ACTION_ITEMS", "Action Item"],
    ["plan", "Plan Item"],
    ["Milestone", "Plan Item"],
    ["plan item", "Plan Item"],
    ["risks", "Risk"],
    ["decision", "Decision"],
    ["Budget", "Budget"],
    ["deliverable", "Deliverable"],
    ["issue", "Issue"],
    ["task", null],
  ])("type %s → %s", (name, want) => {
    expect(normalizeItemType(name)).toBe(want);
  });

  it("applies defaults and loose spellings", () => {
    const { items } = parseOk(
      raid(
        "- item_num: '1'\n  type: action\n  title: '  Padded  '\n  percent_complete: 40%\n  draft: no\n  rpt_out: SR, CL\n  dep_item_num: '2'\n  budget_amount: '$1,250.5'\n- item_num: 2\n  type: plan\n  title: Two",
      ),
    );
    expect(items[0]).toMatchObject({
      itemNum: 1,
      type: "Action Item",
      title: "Padded",
      percentComplete: 40,
      draft: false,
      clientVisible: true,
      rptOut: ["SR", "CL"],
      dependsOn: [2],
      budgetAmount: "1250.50",
    });
    expect(items[1]).toMatchObject({
      percentComplete: 0,
      draft: false,
      rptOut: [],
      notes: [],
      dependsOn: [],
      description: null,
    });
  });

  it("keeps text fields that YAML would read as numbers as written", () => {
    const { items } = parseOk(raid("- item_num: 1\n  type: Risk\n  title: 2024.10\n  priority: 1.0"));
    expect(items[0]).toMatchObject({ title: "2024.10", priority: "1.0" });
  });

  it("moves next_item_num past the highest item number", () => {
    const { project } = parseOk(
      raid("- item_num: 7\n  type: Risk\n  title: T", "project_name: P\n  next_item_num: 3"),
    );
    expect(project.nextItemNum).toBe(8);
  });

  it("warns about unknown fields and adds unlisted workstreams", () => {
    const { project, warnings } = parseOk(
      raid("- item_num: 1\n  type: Risk\n  title: T\n  workstream: Ops\n  colour: red"),
    );
    expect(project.workstreams).toEqual(["Build", "Ops"]);
    expect(warnings).toEqual([
      { item: 1, line: 6, field: "colour", message: 'unknown field "colour" ignored' },
      {
        item: 1,
        line: 6,
        field: "workstream",
        message: 'workstream "Ops" is not in metadata.workstreams; added',
      },
    ]);
  });
});

describe("risk fields (SPEC §13 extra v1 keys)", () => {
  const project: ProjectMeta = { name: "Risky", ...EMPTY_PROJECT_FIELDS };
  const base = EMPTY_ITEM_FIELDS;

  const risky: ItemRecord = {
    ...base,
    itemNum: 1,
    type: "Risk",
    title: "Vendor late",
    probability: 4,
    impact: 5,
    residualProbability: 2,
    residualImpact: 3,
    riskOwner: "Ana",
    mitigation: "Second vendor\nweekly calls",
    contingency: "Buy time",
    costImpact: "25000.50",
    scheduleImpactDays: 10,
  };
  const plain: ItemRecord = { ...base, itemNum: 2, type: "Action Item", title: "Plain" };

  it("writes the nine keys on items with risk data and reads them back unchanged", () => {
    const text = serializeRaidYaml(project, [risky, plain]);
    const raw = YAML.parse(text).items;
    expect(raw[0]).toMatchObject({
      probability: 4,
      impact: 5,
      residual_probability: 2,
      residual_impact: 3,
      risk_owner: "Ana",
      contingency: "Buy time",
      cost_impact: 25000.5,
      schedule_impact_days: 10,
    });
    expect(text).toContain("cost_impact: 25000.50");
    expect(raw[1]).not.toHaveProperty("probability");
    expect(parseOk(text).items).toEqual([risky, { ...plain, ...NO_RISK }]);
  });

  it.each([
    ["probability: 6", "probability", "probability must be between 1 and 5"],
    ["residual_impact: 0", "residual_impact", "residual_impact must be between 1 and 5"],
    ["schedule_impact_days: -1", "schedule_impact_days", "schedule_impact_days must be between 0 and 100000"],
    ["cost_impact: -5", "cost_impact", "cost_impact must not be negative (-5.00)"],
    [
      "cost_impact: 1.234",
      "cost_impact",
      'cost_impact must be an amount with at most 2 decimals, not "1.234"',
    ],
  ])("%s is refused with a field error", (line, field, message) => {
    const errors = parseErrors(raid(`- item_num: 1\n  type: Risk\n  title: R\n  ${line}\n`));
    expect(errors).toEqual([expect.objectContaining({ item: 1, field, message })]);
  });
});

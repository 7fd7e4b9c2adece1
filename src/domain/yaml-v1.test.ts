import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { expected, loadBudget, loadRaid, RAID_FILES, readFixture } from "./testing/fixtures";
import type { ItemRecord, ProjectMeta } from "./types";
import {
  findDependencyCycles,
  normalizeItemType,
  parseBudgetYaml,
  parseDateText,
  parseNotesText,
  parseRaidYaml,
  serializeBudgetYaml,
  serializeRaidYaml,
} from "./yaml-v1";
import type { ImportIssue } from "./yaml-v1";

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

/** A small v1 file around the given item YAML. */
function raid(
  itemsYaml: string,
  meta = "project_name: Test\n  next_item_num: 1\n  workstreams: [Build]",
): string {
  return `metadata:\n  ${meta}\nitems:\n${itemsYaml}`;
}

const NO_RISK = {
  probability: null,
  impact: null,
  residualProbability: null,
  residualImpact: null,
  riskOwner: null,
  mitigation: null,
  contingency: null,
  costImpact: null,
  scheduleImpactDays: null,
};

function parseOk(text: string) {
  const result = parseRaidYaml(text);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result;
}

function parseErrors(text: string): ImportIssue[] {
  const result = parseRaidYaml(text);
  if (result.ok) throw new Error("expected errors");
  return result.errors;
}

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
    const project: ProjectMeta = {
      name: "P",
      clientName: null,
      projectStart: null,
      projectEnd: null,
      nextItemNum: 3,
      workstreams: [],
    };
    const item = (itemNum: number, notes: ItemRecord["notes"]): ItemRecord => ({
      itemNum,
      type: "Risk",
      title: "T",
      description: null,
      workstream: null,
      assignedTo: null,
      start: null,
      finish: null,
      deadline: null,
      duration: null,
      percentComplete: 0,
      draft: false,
      clientVisible: true,
      priority: null,
      rptOut: [],
      budgetAmount: null,
      indicator: null,
      notes,
      dependsOn: [],
      ...NO_RISK,
    });
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

describe("parseRaidYaml rejects bad input, item by item", () => {
  const item = (num: number | string, extra = "") =>
    `- item_num: ${num}\n  type: Risk\n  title: Item ${num}\n${extra}`;

  it.each([
    {
      name: "a missing title",
      yaml: "- item_num: 1\n  type: Risk\n",
      want: { item: 1, line: 6, field: "title", message: "title is required" },
    },
    {
      name: "a title over 500 characters",
      yaml: `- item_num: 1\n  type: Risk\n  title: ${"x".repeat(501)}\n`,
      want: { item: 1, line: 8, field: "title", message: "title is 501 characters long (at most 500)" },
    },
    {
      name: "an unknown type",
      yaml: "- item_num: 1\n  type: Task\n  title: T\n",
      want: {
        item: 1,
        line: 7,
        field: "type",
        message: expect.stringContaining('"Task" is not a known type'),
      },
    },
    {
      name: "a percentage over 100",
      yaml: item(1, "  percent_complete: 150\n"),
      want: {
        item: 1,
        line: 9,
        field: "percent_complete",
        message: "percent_complete must be between 0 and 100",
      },
    },
    {
      name: "a percentage that is not a number",
      yaml: item(1, "  percent_complete: lots\n"),
      want: {
        item: 1,
        line: 9,
        field: "percent_complete",
        message: 'percent_complete must be a whole number, not "lots"',
      },
    },
    {
      name: "an impossible date",
      yaml: item(1, "  start: '2024-02-30'\n"),
      want: {
        item: 1,
        line: 9,
        field: "start",
        message: expect.stringContaining('start is not a date: "2024-02-30"'),
      },
    },
    {
      name: "an impossible unquoted date (a YAML timestamp that would roll over)",
      yaml: item(1, "  start: 2024-02-30\n"),
      want: {
        item: 1,
        line: 9,
        field: "start",
        message: expect.stringContaining('start is not a date: "2024-02-30"'),
      },
    },
    {
      name: "a date of the wrong type",
      yaml: item(1, "  deadline: [2024-01-01]\n"),
      want: { item: 1, line: 9, field: "deadline", message: "deadline must be a date, not a list" },
    },
    {
      name: "a non-boolean draft flag",
      yaml: item(1, "  draft: maybe\n"),
      want: { item: 1, line: 9, field: "draft", message: 'draft must be true or false, not "maybe"' },
    },
    {
      name: "a title that is a mapping",
      yaml: "- item_num: 1\n  type: Risk\n  title: {a: 1}\n",
      want: { item: 1, line: 8, field: "title", message: "title must be text, not a mapping" },
    },
    {
      name: "a finish before the start",
      yaml: item(1, "  start: 2024-03-01\n  finish: 2024-02-01\n"),
      want: { item: 1, line: 10, field: "finish", message: "finish 2024-02-01 is before start 2024-03-01" },
    },
    {
      name: "a note without a date",
      yaml: item(1, "  notes: just text\n"),
      want: {
        item: 1,
        line: 9,
        field: "notes",
        message: expect.stringContaining("notes line 1 does not start with a date"),
      },
    },
    {
      name: "a missing item number",
      yaml: "- type: Risk\n  title: T\n",
      want: { item: "items #1", line: 6, field: "item_num", message: "item_num is required" },
    },
    {
      name: "a dependency on a missing item",
      yaml: item(1, "  dep_item_num: ['9', 8]\n"),
      want: { item: 1, line: 6, field: "dep_item_num", message: "depends on missing items #9, #8" },
    },
    {
      name: "a dependency that is not a number",
      yaml: item(1, "  dep_item_num: [two]\n"),
      want: {
        item: 1,
        line: 9,
        field: "dep_item_num",
        message: 'dep_item_num must list item numbers, not "two"',
      },
    },
    {
      name: "an item that depends on itself",
      yaml: item(1, "  dep_item_num: [1]\n"),
      want: { item: 1, line: 6, field: "dep_item_num", message: "item #1 depends on itself" },
    },
    {
      name: "a dependency cycle",
      yaml:
        item(1, "  dep_item_num: [2]\n") +
        item(2, "  dep_item_num: [3]\n") +
        item(3, "  dep_item_num: ['1']\n"),
      want: { item: 1, line: 6, field: "dep_item_num", message: "dependency cycle: #1 → #2 → #3 → #1" },
    },
    {
      name: "a duplicate item number",
      yaml: item(4) + item(4),
      want: { item: 4, line: 9, field: "item_num", message: "item number 4 is used twice (first on line 6)" },
    },
  ])("$name", ({ yaml, want }) => {
    expect(parseErrors(raid(yaml))).toEqual([want]);
  });

  it("reports every problem in the file, not just the first", () => {
    const errors = parseErrors(
      raid(
        item(1, "  percent_complete: -1\n") +
          "- item_num: 2\n  type: Risk\n" +
          item(3, "  dep_item_num: [5]\n"),
      ),
    );
    expect(errors.map((e) => [e.item, e.field])).toEqual([
      [1, "percent_complete"],
      [2, "title"],
      [3, "dep_item_num"],
    ]);
  });

  it.each([
    { name: "a YAML syntax error", text: "metadata:\n  project_name: [oops\nitems: []\n", line: 3 },
    { name: "a file that is not a mapping", text: "- just\n- a list\n", line: 1 },
  ])("rejects $name with its line", ({ text, line }) => {
    expect(parseErrors(text)[0]).toMatchObject({ line });
  });

  it.each([
    {
      name: "metadata missing",
      text: "items: []\n",
      want: { field: "metadata", message: "metadata is missing" },
    },
    {
      name: "a project without a name",
      text: "metadata:\n  client_name: C\nitems: []\n",
      want: { field: "metadata.project_name", line: 2, message: "metadata.project_name is required" },
    },
    {
      name: "items that are not a list",
      text: "metadata:\n  project_name: P\nitems: nope\n",
      want: { field: "items", line: 3, message: "items must be a list" },
    },
  ])("rejects $name", ({ text, want }) => {
    expect(parseErrors(text)).toEqual([want]);
  });
});

describe("findDependencyCycles", () => {
  it.each([
    {
      name: "no cycle",
      graph: [
        [1, [2]],
        [2, [3]],
        [3, []],
      ],
      want: [],
    },
    { name: "a self-loop", graph: [[1, [1]]], want: [[1, 1]] },
    {
      name: "a triangle, found once",
      graph: [
        [1, [2]],
        [2, [3]],
        [3, [1]],
      ],
      want: [[1, 2, 3, 1]],
    },
    {
      name: "two separate cycles",
      graph: [
        [1, [2]],
        [2, [1]],
        [5, [6]],
        [6, [5]],
      ],
      want: [
        [1, 2, 1],
        [5, 6, 5],
      ],
    },
    { name: "an edge to an unknown item is ignored", graph: [[1, [9]]], want: [] },
  ] as { name: string; graph: [number, number[]][]; want: number[][] }[])("$name", ({ graph, want }) => {
    expect(findDependencyCycles(new Map(graph))).toEqual(want);
  });
});

describe("parseBudgetYaml", () => {
  const file = expected.budget[0]!.file;
  const raw = YAML.parse(readFixture(file));
  const { budget, warnings } = loadBudget(file);

  it("reads every section of the fixture", () => {
    expect(warnings).toEqual([]);
    expect(budget.rateCard).toHaveLength(raw.rate_card.length);
    expect(budget.allocations).toHaveLength(raw.budget_ledger.length);
    expect(budget.timesheets).toHaveLength(raw.timesheet_data.length);
    expect(budget.metadata).toMatchObject({
      projectName: raw.metadata.project_name,
      clientName: raw.metadata.client,
    });
  });

  it("keeps money and hours as exact two-decimal strings", () => {
    budget.timesheets.forEach((t, i) => {
      const r = raw.timesheet_data[i];
      expect(t).toEqual({
        weekEnding: r.week_ending,
        resource: r.resource,
        hours: r.hours.toFixed(2),
        rate: r.rate.toFixed(2),
        cost: r.cost.toFixed(2),
        completeWeek: r.complete_week,
      });
    });
    expect(budget.rateCard.map((r) => r.rate)).toEqual(
      raw.rate_card.map((r: { rate: number }) => r.rate.toFixed(2)),
    );
  });

  it("round-trips without loss", () => {
    expect(parseBudgetYaml(serializeBudgetYaml(budget))).toEqual({ ok: true, budget, warnings: [] });
  });

  it("computes a missing cost from hours × rate and flags a cost that does not match", () => {
    const result = parseBudgetYaml(
      "timesheet_data:\n- {week_ending: 2025-01-03, resource: A, hours: 7.5, rate: 72.5}\n- {week_ending: 2025-01-03, resource: B, hours: 1, rate: 10, cost: 99}\n",
    );
    expect(result).toMatchObject({
      ok: true,
      budget: { timesheets: [{ cost: "543.75", completeWeek: true }, { cost: "99.00" }] },
      warnings: [
        { item: "timesheet_data #2", field: "cost", message: "cost 99.00 differs from hours × rate (10.00)" },
      ],
    });
  });

  it.each([
    {
      name: "a timesheet without a resource",
      text: "timesheet_data:\n- week_ending: 2025-01-03\n  hours: 8\n  rate: 10\n",
      want: { item: "timesheet_data #1", line: 2, field: "resource", message: "resource is required" },
    },
    {
      name: "hours that are not a number",
      text: "timesheet_data:\n- week_ending: 2025-01-03\n  resource: A\n  hours: eight\n  rate: 10\n",
      want: {
        item: "timesheet_data #1",
        line: 4,
        field: "hours",
        message: 'hours must be an amount with at most 2 decimals, not "eight"',
      },
    },
    {
      name: "a bad week ending",
      text: "timesheet_data:\n- week_ending: 31/01/2025\n  resource: A\n  hours: 8\n  rate: 10\n",
      want: {
        item: "timesheet_data #1",
        line: 2,
        field: "week_ending",
        message: expect.stringContaining("week_ending is not a date"),
      },
    },
    {
      name: "a rate with sub-cent precision",
      text: "rate_card:\n- name: A\n  rate: 72.125\n",
      want: {
        item: "rate_card #1",
        line: 3,
        field: "rate",
        message: 'rate must be an amount with at most 2 decimals, not "72.125"',
      },
    },
    {
      name: "a ledger entry without an amount",
      text: "budget_ledger:\n- note: Initial SOW\n",
      want: { item: "budget_ledger #1", line: 2, field: "amount", message: "amount is required" },
    },
    {
      name: "a complete_week flag that is not a boolean",
      text: "timesheet_data:\n- {week_ending: 2025-01-03, resource: A, hours: 8, rate: 10, complete_week: partly}\n",
      want: {
        item: "timesheet_data #1",
        line: 2,
        field: "complete_week",
        message: 'complete_week must be true or false, not "partly"',
      },
    },
  ])("rejects $name", ({ text, want }) => {
    expect(parseBudgetYaml(text)).toEqual({ ok: false, errors: [want] });
  });

  it("accepts negative ledger amounts", () => {
    const result = parseBudgetYaml(
      "budget_ledger:\n- amount: -2500\n  date: 2025-01-01\n  workstream: Build\n",
    );
    expect(result).toMatchObject({
      ok: true,
      budget: { allocations: [{ amount: "-2500.00", date: "2025-01-01", workstream: "Build" }] },
    });
  });
});

describe("risk fields (SPEC §13 extra v1 keys)", () => {
  const project: ProjectMeta = {
    name: "Risky",
    clientName: null,
    projectStart: null,
    projectEnd: null,
    nextItemNum: 3,
    workstreams: [],
  };
  const base = {
    description: null,
    workstream: null,
    assignedTo: null,
    start: null,
    finish: null,
    deadline: null,
    duration: null,
    percentComplete: 0,
    draft: false,
    clientVisible: true,
    priority: null,
    rptOut: [],
    budgetAmount: null,
    indicator: null,
    notes: [],
    dependsOn: [],
  };
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

/**
 * Imports at real size and against hostile files (issues #13.1 and #14.4):
 * a generated 10,000-item v1 log, a 10,000-long dependency chain, budget and
 * CSV files of many rows, an alias bomb, records past the editor's limits,
 * and values the database refuses — each refused as BAD_REQUEST naming the
 * item (and line), with nothing written.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { ITEM_LIMITS } from "@/domain/limits";
import { generateBudgetYaml, generateRaidYaml, generateTimesheetCsv } from "../../scripts/lib/v1-generator";
import { failureOf, tenantDb } from "./budget-support";
import { makeUser, systemCaller } from "./helpers";

const ORG = "scale-org";
const sys = systemCaller();

beforeAll(async () => {
  await makeUser("scale@x.test", "Scale");
  await sys.org.create({ name: "Scale", slug: ORG, ownerEmail: "scale@x.test" });
});

const projectCount = async () => (await (await tenantDb(ORG)).project.count()) as number;

/** A small valid log with `extra` lines added to item 2 (indented as its fields). */
function smallLog(extra = "", title2 = "Second") {
  return [
    "metadata:",
    "  project_name: Small",
    "items:",
    "- item_num: 1",
    "  type: Risk",
    "  title: First",
    "- item_num: 2",
    "  type: Issue",
    `  title: ${JSON.stringify(title2)}`,
    extra,
  ].join("\n");
}

describe("a generated 10,000-item v1 log", () => {
  it("imports completely in one go: items, notes, dependencies, audit", { timeout: 300_000 }, async () => {
    const { yaml, stats } = generateRaidYaml({ items: 10_000, seed: 42 });
    const r = await sys.project.importYaml({ orgSlug: ORG, raid: yaml, name: "Ten thousand" });
    expect(r).toMatchObject({ items: stats.items, notes: stats.notes, dependencies: stats.dependencies });

    const db = await tenantDb(ORG);
    const projectId = r.projectId;
    expect(await db.item.count({ where: { projectId } })).toBe(10_000);
    expect(await db.itemNote.count({ where: { item: { projectId } } })).toBe(stats.notes);
    expect(await db.itemDependency.count({ where: { item: { projectId } } })).toBe(stats.dependencies);
    expect(await db.auditLog.count({ where: { projectId, entityType: "item", action: "CREATE" } })).toBe(
      10_000,
    );
    const project = await db.project.findUniqueOrThrow({
      where: { id: projectId },
      include: { workstreams: true },
    });
    expect(project.nextItemNum).toBe(10_001);
    expect(project.workstreams.map((w) => w.name).sort()).toEqual([...stats.workstreams].sort());
    // Spot checks against the file itself: the last item, read through the API.
    const last = await sys.item.get({ orgSlug: ORG, projectId, itemNum: 10_000 });
    expect(yaml).toContain(`title: '${last.title.replace(/'/g, "''")}'`);
  });

  it(
    "imports a dependency chain as long as the log (no stack overflow), and finds a cycle around it",
    { timeout: 300_000 },
    async () => {
      const { yaml } = generateRaidYaml({ items: 10_000, seed: 5, chain: true });
      const r = await sys.project.importYaml({ orgSlug: ORG, raid: yaml, name: "Chain" });
      expect(r.dependencies).toBe(9_999);

      // Item 1 depending on item 10,000 closes the chain into one 10,000-item cycle.
      // (In a chain only item 1 has no dependency, so the first "dep_item_num: []" is item 1's.)
      const cyclic = yaml.replace("  dep_item_num: []", "  dep_item_num: [10000]");
      const before = await projectCount();
      const f = await failureOf(sys.project.importYaml({ orgSlug: ORG, raid: cyclic }));
      expect(f.code).toBe("BAD_REQUEST");
      expect(f.message).toMatch(/dependency cycle: #1 → #10000 → #9999 → .* → … \(10000 items\) → #1/);
      expect(await projectCount()).toBe(before);
    },
  );
});

describe("budget files and timesheet CSVs with many rows", () => {
  it("imports a budget file with 20,000 timesheet rows, each audited", { timeout: 300_000 }, async () => {
    const { yaml, stats } = generateBudgetYaml({ timesheets: 20_000, seed: 3 });
    const { id: projectId } = await sys.project.create({ orgSlug: ORG, name: "Budget at size" });
    const r = await sys.budget.importYaml({ orgSlug: ORG, projectId, budget: yaml });
    expect(r).toMatchObject({ rateCard: stats.rateCard, allocations: stats.allocations, timesheets: 20_000 });
    const db = await tenantDb(ORG);
    expect(await db.timesheetEntry.count({ where: { projectId } })).toBe(20_000);
    expect(await db.auditLog.count({ where: { projectId, entityType: "timesheet_entry" } })).toBe(20_000);
    // The audit row holds the entry as stored.
    const entry = await db.timesheetEntry.findFirstOrThrow({
      where: { projectId },
      orderBy: { weekEnding: "desc" },
    });
    const audit = await db.auditLog.findFirstOrThrow({ where: { entityId: entry.id } });
    expect(audit.after).toMatchObject({
      id: entry.id,
      resource: entry.resource,
      hours: entry.hours.toFixed(2),
      cost: entry.cost.toFixed(2),
      createdAt: entry.createdAt.toISOString(),
    });
  });

  it("imports a 20,000-row timesheet CSV", { timeout: 300_000 }, async () => {
    const { csv, stats } = generateTimesheetCsv({ rows: 20_000, seed: 4 });
    const { id: projectId } = await sys.project.create({ orgSlug: ORG, name: "CSV at size" });
    const mapping = { weekEnding: 0, resource: 1, hours: 2, rate: 3, completeWeek: 4, cost: null };
    const r = await sys.budget.timesheet.importCsv({ orgSlug: ORG, projectId, csv, mapping });
    expect(r.imported).toBe(20_000);
    expect(Number(r.totals.hours)).toBeCloseTo(stats.hours, 2);
    const db = await tenantDb(ORG);
    expect(await db.timesheetEntry.count({ where: { projectId } })).toBe(20_000);
  });
});

describe("previews of large CSVs", () => {
  it("summarise: the first rows, problems and warnings, with counts for the whole file", async () => {
    const { csv } = generateTimesheetCsv({ rows: 5_000, seed: 6 });
    const { id: projectId } = await sys.project.create({ orgSlug: ORG, name: "CSV preview" });
    const mapping = { weekEnding: 0, resource: 1, hours: 2, rate: 3, completeWeek: 4, cost: null };
    const ok = await sys.budget.timesheet.previewCsv({ orgSlug: ORG, projectId, csv, mapping });
    expect(ok).toMatchObject({ rowCount: 5_000, readyRows: 5_000, errorCount: 0 });
    expect(ok.rows).toHaveLength(200);

    // Every row's hours made unreadable: 5,000 problems, 200 listed.
    const bad = csv.replace(/,(\d+(?:\.5)?),(\d+\.00),yes/g, ",lots,$2,yes");
    const refused = await sys.budget.timesheet.previewCsv({ orgSlug: ORG, projectId, csv: bad, mapping });
    expect(refused).toMatchObject({ readyRows: 0, errorCount: 5_000 });
    expect(refused.errors).toHaveLength(200);
    const f = await failureOf(sys.budget.timesheet.importCsv({ orgSlug: ORG, projectId, csv: bad, mapping }));
    expect(f.code).toBe("BAD_REQUEST");
    expect(f.fields.csv).toHaveLength(201);
    expect(f.fields.csv?.[200]).toBe("… and 4800 more problems");
  });
});

describe("hostile and oversized files", () => {
  it("refuses an alias bomb (1 MB anchored once, repeated by 99 aliases) with its line, writing nothing", async () => {
    const big = "x".repeat(1_000_000);
    const items = [
      "- item_num: 1\n  type: Risk\n  title: Bomb\n  description: &blob " + JSON.stringify(big),
      ...Array.from(
        { length: 99 },
        (_, i) => `- item_num: ${i + 2}\n  type: Risk\n  title: Copy ${i + 2}\n  description: *blob`,
      ),
    ];
    const raid = `metadata:\n  project_name: Bomb\nitems:\n${items.join("\n")}\n`;
    const before = await projectCount();
    const f = await failureOf(sys.project.importYaml({ orgSlug: ORG, raid }));
    expect(f.code).toBe("BAD_REQUEST");
    expect(f.message).toMatch(/aliases \(\*name\) repeat more than 100,000 characters/);
    // The first alias is on line 11 (the anchor's item takes lines 4–7, the next starts on line 8).
    expect(f.fields.raid?.[0]).toMatch(/^line 11: /);
    expect(await projectCount()).toBe(before);
  });

  it("allows small aliases (PyYAML writes them for shared lists)", async () => {
    const raid = [
      "metadata:",
      "  project_name: Aliases",
      "items:",
      "- item_num: 1",
      "  type: Risk",
      "  title: One",
      "  rpt_out: &codes [SR, CL]",
      "- item_num: 2",
      "  type: Risk",
      "  title: Two",
      "  rpt_out: *codes",
    ].join("\n");
    const r = await sys.project.importYaml({ orgSlug: ORG, raid });
    const two = await sys.item.get({ orgSlug: ORG, projectId: r.projectId, itemNum: 2 });
    expect(two.rptOut).toEqual(["SR", "CL"]);
  });

  it.each([
    [
      "a description over the editor's limit",
      `  description: ${"d".repeat(ITEM_LIMITS.description + 1)}`,
      /item 2, line 10: description is 20,001 characters long \(at most 20,000\)/,
    ],
    [
      "an assignee over 200 characters",
      `  assigned_to: ${"a".repeat(201)}`,
      /item 2, line 10: assigned_to is 201 characters long/,
    ],
    [
      "a report code over 20 characters",
      "  rpt_out: [SR, ABCDEFGHIJKLMNOPQRSTUVWXYZ]",
      /item 2, line 10: rpt_out has an entry longer than 20 characters/,
    ],
    [
      "more than 200 dependencies",
      `  dep_item_num: [${Array.from({ length: 201 }, (_, i) => i + 3).join(", ")}]`,
      /item 2, line 10: dep_item_num lists 201 items \(at most 200\)/,
    ],
    [
      "a budget amount too large for the column",
      "  budget_amount: 12345678901234.00",
      /item 2, line 10: budget_amount 12345678901234.00 is too large/,
    ],
    [
      "an item number past 1,000,000,000",
      "",
      /item_num must be between 1 and 1000000000/,
      "- item_num: 2000000000\n  type: Risk\n  title: Far",
    ],
    [
      "a note over 10,000 characters",
      `  notes: "2025-01-01: ${"n".repeat(10_001)}"`,
      /item 2, line 10: notes has a note \(2025-01-01\) longer than 10,000 characters/,
    ],
  ])(
    "refuses %s as BAD_REQUEST naming item and line, writing nothing",
    async (_, extra, message, tail = "") => {
      const before = await projectCount();
      const f = await failureOf(
        sys.project.importYaml({ orgSlug: ORG, raid: `${smallLog(extra)}\n${tail}\n` }),
      );
      expect(f.code).toBe("BAD_REQUEST");
      expect(f.fields.raid?.join("\n")).toMatch(message);
      expect(await projectCount()).toBe(before);
    },
  );

  it("refuses a file nested absurdly deep (not a crash)", async () => {
    const f = await failureOf(
      sys.project.importYaml({ orgSlug: ORG, raid: `metadata: ${"[".repeat(200_000)}` }),
    );
    expect(f.code).toBe("BAD_REQUEST");
    expect(f.message).toMatch(/YAML syntax/);
  });

  it("refuses a value the database could not store as a problem of that item and field, writing nothing", async () => {
    // PostgreSQL cannot store a NUL character in text: the reader refuses it with its line.
    const before = await projectCount();
    const f = await failureOf(sys.project.importYaml({ orgSlug: ORG, raid: smallLog("", "Bad\u0000title") }));
    expect(f.code).toBe("BAD_REQUEST");
    expect(f.message).toMatch(/item 2, line \d+: title: title must not contain NUL characters/);
    expect(await projectCount()).toBe(before);
  });

  it("names the timesheet row holding a value the database could not store", async () => {
    const { id: projectId } = await sys.project.create({ orgSlug: ORG, name: "NUL budget" });
    const budget = [
      "timesheet_data:",
      "- week_ending: '2025-01-03'",
      "  resource: Ana",
      "  hours: 8",
      "  rate: 100",
      "- week_ending: '2025-01-03'",
      `  resource: ${JSON.stringify("Bo\u0000Chen")}`,
      "  hours: 8",
      "  rate: 100",
    ].join("\n");
    const f = await failureOf(sys.budget.importYaml({ orgSlug: ORG, projectId, budget }));
    expect(f.code).toBe("BAD_REQUEST");
    expect(f.message).toMatch(/timesheet_data #2, line \d+: resource must not contain NUL characters/);
    expect(await (await tenantDb(ORG)).timesheetEntry.count({ where: { projectId } })).toBe(0);
  });
});

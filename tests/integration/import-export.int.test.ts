import { beforeAll, describe, expect, it } from "vitest";
import { parseCsv } from "../support/csv";
import { expected, fixture } from "../support/fixtures";
import { codeOf, makeUser, systemCaller } from "./helpers";

const ORG = "io-org";
const sys = systemCaller();

beforeAll(async () => {
  await makeUser("io@x.test", "Io");
  await sys.org.create({ name: "IO", slug: ORG, ownerEmail: "io@x.test" });
});

const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

describe.each(expected.raid)("$file", ({ file, as_of }) => {
  let projectId: string;
  beforeAll(async () => {
    projectId = (await sys.project.importYaml({ orgSlug: ORG, raid: fixture(file) })).projectId;
  });

  it.each(Object.entries(as_of))("exports the expected CSV as of %s", async (date, exp) => {
    const { content } = await sys.project.export({ orgSlug: ORG, projectId, format: "csv", asOf: date });
    expect(content.startsWith("\uFEFF")).toBe(true);
    const rows = parseCsv(content);
    expect(rows[0]).toEqual(exp.csv_header);
    expect(rows.slice(1)).toEqual(exp.csv_rows);
  });

  it.each(Object.entries(as_of))("exports the expected JSON indicators as of %s", async (date, exp) => {
    const { content } = await sys.project.export({ orgSlug: ORG, projectId, format: "json", asOf: date });
    const json = JSON.parse(content) as { items: { itemNum: number; indicator: string | null }[] };
    const got = Object.fromEntries(json.items.map((i) => [String(i.itemNum), i.indicator]));
    expect(got).toEqual(exp.indicators);
  });

  it("leaves stored indicators alone when exporting as of another date", async () => {
    const before = await sys.item.list({ orgSlug: ORG, projectId, limit: 500 });
    await sys.project.export({ orgSlug: ORG, projectId, format: "csv", asOf: "2000-01-01" });
    const after = await sys.item.list({ orgSlug: ORG, projectId, limit: 500 });
    expect(after.items.map((i) => [i.itemNum, i.indicator, i.version])).toEqual(
      before.items.map((i) => [i.itemNum, i.indicator, i.version]),
    );
  });

  it("round-trips through the v1 YAML export without loss", async () => {
    const first = await sys.project.export({ orgSlug: ORG, projectId, format: "yaml" });
    const again = await sys.project.importYaml({ orgSlug: ORG, raid: first.content });
    const second = await sys.project.export({ orgSlug: ORG, projectId: again.projectId, format: "yaml" });
    expect(second.content).toEqual(first.content);
    const a = JSON.parse(
      (await sys.project.export({ orgSlug: ORG, projectId, format: "json", asOf: "2025-03-14" })).content,
    );
    const b = JSON.parse(
      (
        await sys.project.export({
          orgSlug: ORG,
          projectId: again.projectId,
          format: "json",
          asOf: "2025-03-14",
        })
      ).content,
    );
    expect(b.items).toEqual(a.items);
    expect(b.project).toEqual(a.project);
  });
});

describe("budget import", () => {
  it("computes the v1 metrics for the fixture budget", async () => {
    const [exp] = expected.budget;
    const { projectId } = await sys.project.importYaml({
      orgSlug: ORG,
      raid: fixture("RAID-Log-Harbor-Bridge-Upgrade.yaml"),
      budget: fixture(exp!.file),
    });
    const m = await sys.budget.metrics({ orgSlug: ORG, projectId });
    for (const [key, value] of Object.entries(exp!.metrics)) {
      if (key === "budget_status_icon") continue;
      const got = (m as unknown as Record<string, unknown>)[camel(key)];
      if (typeof value === "number") expect(Math.abs((got as number) - value), key).toBeLessThanOrEqual(0.01);
      else expect(got, key).toBe(value);
    }
    expect(m.weeklyBurn.map((w) => [w.weekEnding, w.cost, w.cumulative])).toEqual(
      exp!.weekly_burn.map((w) => [w.week_ending, w.cost, w.cumulative]),
    );
    expect(m.resourceBurn.map((r) => [r.resource, r.hours, r.cost])).toEqual(
      exp!.resource_burn.map((r) => [r.resource, r.hours, r.cost]),
    );
  });
});

describe("bad YAML", () => {
  const bad = `metadata:
  project_name: Broken
items:
  - item_num: 1
    type: Risk
    title: ""
  - item_num: 2
    type: Issue
    title: Two
    percent_complete: lots
    dep_item_num: ["9"]
  - item_num: 3
    type: Decision
    title: Three
    dep_item_num: [4]
  - item_num: 4
    type: Decision
    title: Four
    dep_item_num: [3]
`;

  it("is rejected with item-level messages and changes nothing", async () => {
    const before = (await sys.project.list({ orgSlug: ORG })).length;
    const err = await sys.project
      .importYaml({ orgSlug: ORG, raid: bad })
      .catch(
        (e: unknown) =>
          e as { code: string; cause: { details: { errors: { item?: unknown; message: string }[] } } },
      );
    expect((err as { code: string }).code).toBe("BAD_REQUEST");
    const errors = (err as { cause: { details: { errors: { item?: unknown; message: string }[] } } }).cause
      .details.errors;
    const byItem = (n: number) =>
      errors
        .filter((e) => e.item === n)
        .map((e) => e.message)
        .join(" | ");
    expect(byItem(1)).toMatch(/title/i);
    expect(byItem(2)).toMatch(/percent/i);
    expect(byItem(2)).toMatch(/9/);
    expect(errors.map((e) => e.message).join(" ")).toMatch(/cycle/i);
    expect((await sys.project.list({ orgSlug: ORG })).length).toBe(before);
  });

  it("refuses a file that is not YAML at all", async () => {
    expect(await codeOf(sys.project.importYaml({ orgSlug: ORG, raid: "items: [unclosed" }))).toBe(
      "BAD_REQUEST",
    );
  });
});

/**
 * Schedule procedures (SPEC §13) on the hand-worked project (risk-project.ts):
 * critical path, forecast, baselines (compare and ghost bars), and the
 * assistant's offline answers from the same tools; bad input and foreign
 * callers.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configureChat } from "@/server/services/chat/deps";
import { formatDay } from "@/domain/dates";
import { codeOf } from "./helpers";
import { failureOf, tenantDb } from "./budget-support";
import { ORG, P, pm, viewer, outsider, setUpRiskProject } from "./risk-project";

setUpRiskProject();

describe("project.criticalPath", () => {
  it("gives ES/EF/LS/LF, slack and the path as worked by hand", async () => {
    const r = await viewer.project.criticalPath(P());
    expect(r.path).toEqual([2, 3, 5]);
    expect(r.finish).toBe("2025-04-24");
    expect(r.items.map((i) => [i.itemNum, i.es, i.ef, i.ls, i.lf, i.slack])).toEqual([
      [1, "2025-04-01", "2025-04-04", "2025-04-03", "2025-04-06", 2],
      [2, "2025-04-07", "2025-04-18", "2025-04-07", "2025-04-18", 0],
      [3, "2025-04-19", "2025-04-23", "2025-04-19", "2025-04-23", 0],
      [4, "2025-04-07", "2025-04-11", "2025-04-19", "2025-04-23", 12],
      [5, "2025-04-24", "2025-04-24", "2025-04-24", "2025-04-24", 0],
    ]);
  });

  it("is NOT_FOUND for a user of another org", async () => {
    expect(await codeOf(outsider.project.criticalPath(P()))).toBe("NOT_FOUND");
  });
});

describe("project.forecast", () => {
  it("agrees with itself for one seed and reports the plan finish", async () => {
    const a = await viewer.project.forecast({ ...P(), seed: 42, runs: 500 });
    const b = await viewer.project.forecast({ ...P(), seed: 42, runs: 500 });
    expect(a).toEqual(b);
    expect(a.planFinish).toBe("2025-04-24");
    expect(a.runs).toBe(500);
    expect(a.p50! <= a.p80!).toBe(true);
    expect(a.explanation.length).toBeGreaterThan(20);
  });

  it("refuses bad runs and seed with field errors", async () => {
    const bad = await failureOf(viewer.project.forecast({ ...P(), seed: -1, runs: 0 }));
    expect(bad.code).toBe("BAD_REQUEST");
    expect(Object.keys(bad.fields).sort()).toEqual(["runs", "seed"]);
    expect(await codeOf(outsider.project.forecast(P()))).toBe("NOT_FOUND");
  });
});

describe("baselines", () => {
  it("create → re-plan → compare shows slipped, pulled in, added and removed; delete removes it", async () => {
    const b = await pm.baseline.create({ ...P(), name: "  Q2 plan " });
    expect(b).toMatchObject({ name: "Q2 plan", items: 9 }); // drafts 9 and 11 are not in the plan
    const db = await tenantDb(ORG);
    expect(
      await db.auditLog.count({ where: { entityType: "baseline", entityId: b.id, action: "CREATE" } }),
    ).toBe(1);

    const two = await pm.item.get({ ...P(), itemNum: 2 });
    await pm.item.update({ ...P(), itemNum: 2, version: two.version, finish: "2025-04-22" });
    const four = await pm.item.get({ ...P(), itemNum: 4 });
    await pm.item.update({ ...P(), itemNum: 4, version: four.version, finish: "2025-04-09" });
    await pm.item.delete({ ...P(), itemNum: 8 });
    const added = await pm.item.create({ ...P(), type: "Risk", title: "New risk" });

    const cmp = await viewer.baseline.compare({ ...P(), baselineId: b.id });
    expect(cmp.slipped).toEqual([
      { itemNum: 2, title: "Build", baselineFinish: "2025-04-18", currentFinish: "2025-04-22", days: 4 },
    ]);
    expect(cmp.pulledIn).toEqual([
      { itemNum: 4, title: "Docs", baselineFinish: "2025-04-11", currentFinish: "2025-04-09", days: 2 },
    ]);
    expect(cmp.added).toEqual([added.itemNum]);
    expect(cmp.removed).toEqual([8]);

    const md = (await viewer.project.export({ ...P(), format: "md-changes", baselineId: b.id })).content;
    expect(md).toContain("# What changed since baseline “Q2 plan”");
    expect(md).toMatch(/## Slipped \(1\)/);
    expect(md).toMatch(/## Created \(1\)/);
    expect(md).toContain("New risk");
    const sinceDate = (await viewer.project.export({ ...P(), format: "md-changes", since: "2000-01-01" }))
      .content;
    expect(sinceDate).toContain("# What changed since 2000-01-01");
    expect(sinceDate).not.toMatch(/## Slipped/);

    expect((await viewer.baseline.list(P())).map((x) => x.id)).toContain(b.id);
    expect(await codeOf(viewer.baseline.delete({ ...P(), baselineId: b.id }))).toBe("FORBIDDEN");
    await pm.baseline.delete({ ...P(), baselineId: b.id });
    expect(await codeOf(viewer.baseline.compare({ ...P(), baselineId: b.id }))).toBe("NOT_FOUND");
    expect(
      await db.auditLog.count({ where: { entityType: "baseline", entityId: b.id, action: "DELETE" } }),
    ).toBe(1);

    // Undo the re-plan for the other tests in this file.
    await pm.item.restore({ ...P(), itemNum: 8 });
  });

  it("get returns the snapshot's dates per item (ghost bars), unchanged by a later re-plan", async () => {
    const two = await pm.item.get({ ...P(), itemNum: 2 });
    const before = two.finish; // as the tests above left it
    const b = await pm.baseline.create({ ...P(), name: "Ghosts" });
    await pm.item.update({ ...P(), itemNum: 2, version: two.version, finish: "2025-04-29" });

    const got = await viewer.baseline.get({ ...P(), baselineId: b.id });
    expect(got).toMatchObject({ id: b.id, name: "Ghosts", items: expect.any(Array) });
    const byNum = new Map(got.items.map((i) => [i.itemNum, i]));
    // The plan as it was: items 1..8 and 10 (and any added by earlier tests); drafts 9 and 11 are
    // never in a baseline. By item number.
    const nums = [...byNum.keys()];
    expect(nums).toEqual(expect.arrayContaining([1, 2, 3, 4, 5, 6, 7, 8, 10]));
    expect(nums).not.toContain(9);
    expect(nums).not.toContain(11);
    expect(nums).toEqual([...nums].sort((a, b) => a - b));
    expect(byNum.get(1)).toMatchObject({ title: "Design", start: "2025-04-01", finish: "2025-04-04" });
    expect(byNum.get(2)).toMatchObject({ title: "Build", start: "2025-04-07", finish: before });
    expect(before).not.toBe("2025-04-29");
    expect(byNum.get(6)).toMatchObject({ start: null, finish: "2025-04-30" });

    // Another project's id, a deleted baseline: not found; a user of another org: not found.
    const other = await pm.project.create({ orgSlug: ORG, name: "Other for get" });
    expect(await codeOf(pm.baseline.get({ orgSlug: ORG, projectId: other.id, baselineId: b.id }))).toBe(
      "NOT_FOUND",
    );
    expect(await codeOf(outsider.baseline.get({ ...P(), baselineId: b.id }))).toBe("NOT_FOUND");
    await pm.baseline.delete({ ...P(), baselineId: b.id });
    expect(await codeOf(viewer.baseline.get({ ...P(), baselineId: b.id }))).toBe("NOT_FOUND");

    const back = await pm.item.get({ ...P(), itemNum: 2 });
    await pm.item.update({ ...P(), itemNum: 2, version: back.version, finish: before });
  });

  it("refuses a blank name and a missing since with field errors, creating nothing", async () => {
    const before = (await pm.baseline.list(P())).length;
    const bad = await failureOf(pm.baseline.create({ ...P(), name: "   " }));
    expect(bad).toMatchObject({ code: "BAD_REQUEST", fields: { name: ["Enter a name"] } });
    expect((await pm.baseline.list(P())).length).toBe(before);
    const noSince = await failureOf(viewer.project.export({ ...P(), format: "md-changes" }));
    expect(noSince.code).toBe("BAD_REQUEST");
    expect(Object.keys(noSince.fields)).toEqual(["since"]);
    expect(
      await codeOf(pm.baseline.compare({ ...P(), baselineId: "00000000-0000-4000-8000-000000000000" })),
    ).toBe("NOT_FOUND");
  });

  it("is NOT_FOUND for a user of another org, and a baseline of another project is not found", async () => {
    const b = await pm.baseline.create({ ...P(), name: "Mine" });
    expect(await codeOf(outsider.baseline.list(P()))).toBe("NOT_FOUND");
    expect(await codeOf(outsider.baseline.compare({ ...P(), baselineId: b.id }))).toBe("NOT_FOUND");
    expect(await codeOf(outsider.baseline.create({ ...P(), name: "x" }))).toBe("NOT_FOUND");
    expect(await codeOf(outsider.baseline.delete({ ...P(), baselineId: b.id }))).toBe("NOT_FOUND");
    const other = await pm.project.create({ orgSlug: ORG, name: "Other" });
    expect(await codeOf(pm.baseline.compare({ orgSlug: ORG, projectId: other.id, baselineId: b.id }))).toBe(
      "NOT_FOUND",
    );
    expect(await codeOf(pm.baseline.delete({ orgSlug: ORG, projectId: other.id, baselineId: b.id }))).toBe(
      "NOT_FOUND",
    );
    expect((await pm.baseline.list(P())).map((x) => x.id)).toContain(b.id);
  });
});

describe("assistant offline mode answers risk and schedule questions from the tools", () => {
  beforeAll(() => configureChat({ today: () => "2025-04-10", model: () => null }));
  afterAll(() => configureChat({}));
  const ask = (message: string) => viewer.chat.send({ ...P(), message });

  it("what are the biggest risks?", async () => {
    const { message } = await ask("What are the biggest risks?");
    expect(message.contextRefs.tools).toEqual(["risk_register"]);
    expect(message.content).toContain(
      "- #7 Key person leaves (Risk) — score 15 (high) — expected $12,500.28 and 7.5 days",
    );
    expect(message.content).toContain("24,500.28 in money and 10.5 days");
    expect(message.content).not.toContain("#8 Permit refused"); // closed
  });

  it("what is on the critical path?", async () => {
    const { message } = await ask("What is on the critical path?");
    expect(message.contextRefs.tools).toEqual(["critical_path"]);
    const cp = await viewer.project.criticalPath(P()); // the baselines test re-planned #2 and #4
    expect([...message.content.matchAll(/^- #(\d+) /gm)].map((m) => Number(m[1]))).toEqual(cp.path);
    expect(cp.path).toEqual([2, 3, 5]);
    expect(message.content).toContain(`Finish ${formatDay(cp.finish)}`);
  });

  it("when will we finish?", async () => {
    const { message } = await ask("When will we finish?");
    expect(message.contextRefs.tools).toEqual(["schedule_forecast"]);
    const f = await viewer.project.forecast({ ...P(), seed: 1, runs: 2000 });
    expect(message.content).toContain(`Plan finish: ${formatDay(f.planFinish)}`);
    // The chat runs as of 2025-04-10 (configureChat), the procedure as of the real today: dates differ.
    // Dates are written as everywhere in the app ("24 Apr 2025"); compared as days.
    const day = (label: string) => {
      const text = new RegExp(`${label}\\*\\*(\\d{1,2} \\w{3,4} \\d{4})\\*\\*`).exec(message.content)?.[1];
      return text ? Date.parse(`${text} UTC`) : NaN;
    };
    const p50 = day("P50 \\(as likely as not\\): ");
    const p80 = day("P80 \\(4 in 5 runs finish by\\): ");
    expect(p50 >= Date.parse(`${f.planFinish!}T00:00:00Z`)).toBe(true);
    expect(p80 >= p50).toBe(true);
    expect(message.content).toMatch(/finished item/);
  });
});

/**
 * Risk and schedule procedures (SPEC §13) on the hand-worked project of
 * src/domain/risk-schedule.hand.test.ts, built through item.create: risk
 * fields kept by item writes, exports and the YAML round trip; the register,
 * critical path, forecast and baselines; md-changes; bad input and foreign
 * callers.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configureChat } from "@/server/services/chat/deps";
import { formatDay } from "@/domain/dates";
import YAML from "yaml";
import { callerFor, codeOf, makeUser, systemCaller } from "./helpers";
import { failureOf, tenantDb } from "./budget-support";

const ORG = "risk-org";
const FOREIGN = "risk-foreign";
let projectId: string;
const P = () => ({ orgSlug: ORG, projectId });
type Caller = Awaited<ReturnType<typeof callerFor>>;
let pm: Caller;
let viewer: Caller;
let outsider: Caller;

const d = (md: string | null) => (md ? `2025-${md}` : null);

beforeAll(async () => {
  await makeUser("owner@risk.test", "Olive Owner");
  await makeUser("viewer@risk.test", "Vic Viewer");
  await makeUser("out@risk.test", "Otto Outsider");
  const sys = systemCaller();
  await sys.org.create({ name: "Risk Org", slug: ORG, ownerEmail: "owner@risk.test" });
  await sys.org.create({ name: "Foreign", slug: FOREIGN, ownerEmail: "out@risk.test" });
  await sys.org.addMember({ orgSlug: ORG, email: "viewer@risk.test", role: "member" });
  pm = await callerFor("owner@risk.test");
  viewer = await callerFor("viewer@risk.test");
  outsider = await callerFor("out@risk.test");
  projectId = (await pm.project.create({ orgSlug: ORG, name: "Hand worked", clientName: "ACME" })).id;
  await pm.project.setRole({ ...P(), email: "viewer@risk.test", role: "viewer" });

  // The hand-worked table (see src/domain/risk-schedule.hand.test.ts); items 1..11 in order.
  const plan = (
    title: string,
    type: "Plan Item" | "Deliverable" | "Action Item",
    s: string,
    f: string,
    pct: number,
  ) => pm.item.create({ ...P(), type, title, start: d(s), finish: d(f), percentComplete: pct });
  await plan("Design", "Plan Item", "04-01", "04-04", 100);
  await plan("Build", "Plan Item", "04-07", "04-18", 30);
  await plan("Test", "Deliverable", "04-19", "04-23", 0);
  await plan("Docs", "Action Item", "04-07", "04-11", 0);
  await plan("Go-live", "Deliverable", "04-24", "04-24", 0);
  await pm.item.create({
    ...P(),
    type: "Risk",
    title: "Supplier late",
    finish: d("04-30"),
    probability: 4,
    impact: 4,
    residualProbability: 2,
    residualImpact: 3,
    costImpact: "40000.00",
    scheduleImpactDays: 10,
    riskOwner: "Ana Ruiz",
    mitigation: "Second supplier on standby",
    contingency: "Air freight",
  });
  await pm.item.create({
    ...P(),
    type: "Risk",
    title: "Key person leaves",
    probability: 3,
    impact: 5,
    costImpact: "25000.55",
    scheduleImpactDays: 15,
    clientVisible: false,
  });
  await pm.item.create({
    ...P(),
    type: "Risk",
    title: "Permit refused",
    finish: d("04-05"),
    percentComplete: 100,
    probability: 5,
    impact: 5,
    costImpact: "99999.00",
    scheduleImpactDays: 30,
  });
  await pm.item.create({
    ...P(),
    type: "Risk",
    title: "Weather",
    draft: true,
    probability: 4,
    impact: 3,
    costImpact: "5000.00",
    scheduleImpactDays: 5,
  });
  await pm.item.create({
    ...P(),
    type: "Issue",
    title: "Crane broken",
    percentComplete: 10,
    probability: 5,
    impact: 4,
    costImpact: "8000.00",
    scheduleImpactDays: 3,
  });
  await pm.item.create({
    ...P(),
    type: "Plan Item",
    title: "Phase 2",
    start: d("04-01"),
    finish: d("05-30"),
    draft: true,
  });
  // Dependencies, through the tenant database (the dependency procedures are elsewhere).
  const db = await tenantDb(ORG);
  const ids = new Map(
    (await db.item.findMany({ where: { projectId }, select: { id: true, itemNum: true } })).map((i) => [
      i.itemNum,
      i.id,
    ]),
  );
  const deps: [number, number][] = [
    [2, 1],
    [3, 2],
    [4, 1],
    [5, 3],
    [5, 4],
    [11, 5],
  ];
  await db.itemDependency.createMany({
    data: deps.map(([a, b]) => ({ itemId: ids.get(a)!, dependsOnId: ids.get(b)! })),
  });
});

describe("project.riskRegister", () => {
  it("lists Risks and Issues by current score with heat maps and exposure worked by hand", async () => {
    const reg = await viewer.project.riskRegister(P());
    expect(
      reg.risks.map((r) => [r.itemNum, r.score, r.band, r.residualScore, r.currentScore, r.open]),
    ).toEqual([
      [8, 25, "extreme", null, 25, false],
      [10, 20, "extreme", null, 20, false],
      [7, 15, "high", null, 15, true],
      [9, 12, "high", null, 12, false],
      [6, 16, "high", 6, 6, true],
    ]);
    expect(reg.risks.find((r) => r.itemNum === 6)).toMatchObject({
      riskOwner: "Ana Ruiz",
      mitigation: "Second supplier on standby",
      contingency: "Air freight",
      costImpact: "40000.00",
      scheduleImpactDays: 10,
      exposureCost: "12000.00",
      exposureDays: 3,
    });
    expect(reg.heatMap.inherent[3]![3]).toBe(1); // #6 P4 I4
    expect(reg.heatMap.inherent[2]![4]).toBe(1); // #7 P3 I5
    expect(reg.heatMap.inherent.flat().reduce((a, b) => a + b, 0)).toBe(2);
    expect(reg.heatMap.residual[1]![2]).toBe(1); // #6 residual P2 I3
    expect(reg.exposure).toEqual({
      cost: "24500.28",
      days: 10.5,
      worst: { itemNum: 7, title: "Key person leaves", cost: "12500.28", days: 7.5, score: 15 },
      risks: 2,
    });
  });

  it("is NOT_FOUND for a user of another org", async () => {
    expect(await codeOf(outsider.project.riskRegister(P()))).toBe("NOT_FOUND");
    expect(await codeOf(outsider.project.riskRegister({ orgSlug: FOREIGN, projectId }))).toBe("NOT_FOUND");
  });
});

describe("item risk fields", () => {
  it("refuses bad risk values field by field and changes nothing", async () => {
    const db = await tenantDb(ORG);
    const before = await db.item.count({ where: { projectId } });
    const bad = await failureOf(
      pm.item.create({
        ...P(),
        type: "Risk",
        title: "Bad",
        probability: 6,
        costImpact: "-5",
        scheduleImpactDays: 1.5,
      }),
    );
    expect(bad.code).toBe("BAD_REQUEST");
    expect(Object.keys(bad.fields).sort()).toEqual(["costImpact", "probability", "scheduleImpactDays"]);
    expect(await db.item.count({ where: { projectId } })).toBe(before);

    const six = await pm.item.get({ ...P(), itemNum: 6 });
    const badUpdate = await failureOf(
      pm.item.update({
        ...P(),
        itemNum: 6,
        version: six.version,
        costImpact: "12.345",
        scheduleImpactDays: -1,
      }),
    );
    expect(badUpdate.code).toBe("BAD_REQUEST");
    expect(Object.keys(badUpdate.fields).sort()).toEqual(["costImpact", "scheduleImpactDays"]);
    expect(await pm.item.get({ ...P(), itemNum: 6 })).toMatchObject({
      version: six.version,
      costImpact: "40000.00",
      scheduleImpactDays: 10,
    });
  });

  it("updates cost and schedule impact and audits the change", async () => {
    const created = await pm.item.create({
      ...P(),
      type: "Risk",
      title: "Temp",
      costImpact: "10",
      scheduleImpactDays: 2,
    });
    expect(created).toMatchObject({ costImpact: "10.00", scheduleImpactDays: 2 });
    const updated = await pm.item.update({
      ...P(),
      itemNum: created.itemNum,
      version: created.version,
      costImpact: "2500.5",
      scheduleImpactDays: 0,
    });
    expect(updated).toMatchObject({ costImpact: "2500.50", scheduleImpactDays: 0 });
    const db = await tenantDb(ORG);
    const audit = await db.auditLog.findFirst({
      where: {
        entityType: "item",
        action: "UPDATE",
        entityId: (await db.item.findFirstOrThrow({ where: { projectId, itemNum: created.itemNum } })).id,
      },
    });
    expect(audit?.after).toMatchObject({ costImpact: "2500.50", scheduleImpactDays: 0 });
    await pm.item.delete({ ...P(), itemNum: created.itemNum });
  });
});

describe("exports keep the risk fields", () => {
  it("CSV has the risk columns with each item's values", async () => {
    const { content } = await viewer.project.export({ ...P(), format: "csv" });
    const lines = content.replace(/^\uFEFF/, "").split("\r\n");
    const header = lines[0]!.split(",");
    expect(header).toEqual(
      expect.arrayContaining(["Probability", "Cost Impact", "Schedule Impact Days", "Risk Owner"]),
    );
    const six = lines.find((l) => l.startsWith("6,"))!.split(",");
    expect(six[header.indexOf("Probability")]).toBe("4");
    expect(six[header.indexOf("Residual Impact")]).toBe("3");
    expect(six[header.indexOf("Cost Impact")]).toBe("40000.00");
    expect(six[header.indexOf("Schedule Impact Days")]).toBe("10");
  });

  it("JSON and the Markdown table carry them; the client view only for client-visible items", async () => {
    const json = JSON.parse((await viewer.project.export({ ...P(), format: "json" })).content);
    expect(json.items.find((i: { itemNum: number }) => i.itemNum === 7)).toMatchObject({
      probability: 3,
      costImpact: "25000.55",
      scheduleImpactDays: 15,
    });
    const md = (await viewer.project.export({ ...P(), format: "md-table" })).content;
    expect(md).toContain("| Cost impact |");
    expect(md).toContain("40000.00");
    const client = JSON.parse(
      (await viewer.project.export({ ...P(), format: "json", clientView: true })).content,
    );
    const nums = client.items.map((i: { itemNum: number }) => i.itemNum);
    expect(nums).not.toContain(7); // not client-visible
    expect(client.items.find((i: { itemNum: number }) => i.itemNum === 6)).toMatchObject({
      costImpact: "40000.00",
    });
    const clientCsv = (await viewer.project.export({ ...P(), format: "csv", clientView: true })).content;
    expect(clientCsv).not.toContain("25000.55");
  });

  it("YAML export → import gives an identical register, and the import takes a baseline", async () => {
    const yaml = (await viewer.project.export({ ...P(), format: "yaml" })).content;
    const raw = YAML.parse(yaml).items.find((i: { item_num: number }) => i.item_num === 6);
    expect(raw).toMatchObject({
      probability: 4,
      residual_probability: 2,
      risk_owner: "Ana Ruiz",
      schedule_impact_days: 10,
    });
    const imported = await pm.project.importYaml({ orgSlug: ORG, raid: yaml, name: "Round trip" });
    const copy = { orgSlug: ORG, projectId: imported.projectId };
    expect(await pm.project.riskRegister(copy)).toEqual(await pm.project.riskRegister(P()));
    const baselines = await pm.baseline.list(copy);
    expect(baselines).toEqual([
      expect.objectContaining({ id: imported.baselineId, source: "import", items: 9 }),
    ]);
    expect(await pm.project.criticalPath(copy)).toEqual(await pm.project.criticalPath(P()));
  });
});

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

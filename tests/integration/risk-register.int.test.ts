/**
 * The risk register (SPEC §13) on the hand-worked project (risk-project.ts):
 * project.riskRegister with heat maps and exposure, the risk fields kept by
 * item writes (bad values refused field by field), and exports plus the YAML
 * round trip carrying them; foreign callers get NOT_FOUND.
 */
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { codeOf } from "./helpers";
import { failureOf, tenantDb } from "./budget-support";
import { ORG, FOREIGN, P, pm, viewer, outsider, projectId, setUpRiskProject } from "./risk-project";

setUpRiskProject();

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

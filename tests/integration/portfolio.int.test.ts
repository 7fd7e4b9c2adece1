import { beforeAll, describe, expect, it } from "vitest";
import { fixture } from "../support/fixtures";
import { callerFor, codeOf, makeUser, systemCaller } from "./helpers";

const ORG = "pf";
const sys = systemCaller();
let a: string;
let b: string;
let portfolioId: string;

beforeAll(async () => {
  await makeUser("exec@pf.test", "Exec");
  await makeUser("pm@pf.test", "PM");
  await sys.org.create({ name: "PF", slug: ORG, ownerEmail: "exec@pf.test" });
  await sys.org.addMember({ orgSlug: ORG, email: "pm@pf.test", role: "member" });
  a = (
    await sys.project.importYaml({
      orgSlug: ORG,
      raid: fixture("RAID-Log-Harbor-Bridge-Upgrade.yaml"),
      budget: fixture("Budget-Harbor-Bridge-Upgrade.yaml"),
    })
  ).projectId;
  b = (await sys.project.importYaml({ orgSlug: ORG, raid: fixture("RAID-Log-Sample-Platform-Upgrade.yaml") }))
    .projectId;
  await sys.project.setRole({ orgSlug: ORG, projectId: b, email: "pm@pf.test", role: "project_manager" });
  const exec = await callerFor("exec@pf.test");
  portfolioId = (await exec.portfolio.create({ orgSlug: ORG, name: "Infrastructure", projectIds: [a, b] }))
    .id;
});

describe("portfolios", () => {
  it("aggregate counts and budget totals over member projects", async () => {
    const exec = await callerFor("exec@pf.test");
    const d = await exec.portfolio.dashboard({ orgSlug: ORG, portfolioId });
    expect(d.projects.map((p) => p.id).sort()).toEqual([a, b].sort());
    const sum = d.projects.reduce((n, p) => n + p.counts.total, 0);
    expect(d.counts.total).toBe(sum);
    const da = await exec.project.dashboard({ orgSlug: ORG, projectId: a });
    expect(d.projects.find((p) => p.id === a)!.counts.critical).toBe(da.counts.critical);
    expect(d.budget.budgetTotal).toBe(550000);
  });

  it("show a member only the projects they can see", async () => {
    const pm = await callerFor("pm@pf.test");
    const d = await pm.portfolio.dashboard({ orgSlug: ORG, portfolioId });
    expect(d.projects.map((p) => p.id)).toEqual([b]);
    expect(d.budget.budgetTotal).toBe(0);
    expect(await codeOf(pm.portfolio.create({ orgSlug: ORG, name: "Mine" }))).toBe("FORBIDDEN");
  });

  it("never delete projects when deleted", async () => {
    const exec = await callerFor("exec@pf.test");
    await exec.portfolio.update({ orgSlug: ORG, portfolioId, projectIds: [a] });
    expect((await exec.portfolio.get({ orgSlug: ORG, portfolioId })).projectIds).toEqual([a]);
    await exec.portfolio.delete({ orgSlug: ORG, portfolioId });
    expect(await codeOf(exec.portfolio.get({ orgSlug: ORG, portfolioId }))).toBe("NOT_FOUND");
    expect(await codeOf(exec.project.get({ orgSlug: ORG, projectId: a }))).toBe("OK");
  });
});

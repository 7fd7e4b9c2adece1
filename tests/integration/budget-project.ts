/**
 * The budget CRUD world (budget-*.int tests): org "budget-crud" with an owner, an
 * org admin, a project manager, a team member, a viewer and an outsider; project
 * Bridge (workstreams Civil, Electrical) and an empty project Tunnel.
 * Call `setUpBudgetProject()` once per file; the exported lets are live bindings.
 */
import { beforeAll } from "vitest";
import { callerFor, makeUser, systemCaller } from "./helpers";
import { tenantDb } from "./budget-support";

export const ORG = "budget-crud";
export let projectId: string;
export let otherProjectId: string;
export type Caller = Awaited<ReturnType<typeof callerFor>>;
export let owner: Caller, orgAdmin: Caller, pm: Caller, tm: Caller, viewer: Caller, outsider: Caller;

export const p = () => ({ orgSlug: ORG, projectId });

export async function auditOf(entityId: string) {
  const db = await tenantDb(ORG);
  return db.auditLog.findMany({ where: { entityId }, orderBy: { id: "asc" } });
}

/** Creates the people, the org and both projects (once per file). */
export function setUpBudgetProject(): void {
  beforeAll(async () => {
    for (const [email, name] of [
      ["owner@b.test", "Olive Owner"],
      ["admin@b.test", "Ada Admin"],
      ["pm@b.test", "Pat Manager"],
      ["tm@b.test", "Tina Member"],
      ["viewer@b.test", "Vic Viewer"],
      ["outsider@b.test", "Otto Outsider"],
    ] as const) {
      await makeUser(email, name);
    }
    const sys = systemCaller();
    await sys.org.create({ name: "Budget CRUD", slug: ORG, ownerEmail: "owner@b.test" });
    await sys.org.addMember({ orgSlug: ORG, email: "admin@b.test", role: "admin" });
    for (const email of ["pm@b.test", "tm@b.test", "viewer@b.test", "outsider@b.test"]) {
      await sys.org.addMember({ orgSlug: ORG, email, role: "member" });
    }
    owner = await callerFor("owner@b.test");
    projectId = (
      await owner.project.create({ orgSlug: ORG, name: "Bridge", workstreams: ["Civil", "Electrical"] })
    ).id;
    otherProjectId = (await owner.project.create({ orgSlug: ORG, name: "Tunnel" })).id;
    await owner.project.setRole({ ...p(), email: "pm@b.test", role: "project_manager" });
    await owner.project.setRole({ ...p(), email: "tm@b.test", role: "team_member" });
    await owner.project.setRole({ ...p(), email: "viewer@b.test", role: "viewer" });
    orgAdmin = await callerFor("admin@b.test");
    pm = await callerFor("pm@b.test");
    tm = await callerFor("tm@b.test");
    viewer = await callerFor("viewer@b.test");
    outsider = await callerFor("outsider@b.test");
  });
}

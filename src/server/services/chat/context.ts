/**
 * What the chat services know about the caller: the org's tenant client (the
 * only way to its data), the verified user and their org role. Built by the
 * chat router from the tRPC context, so the same membership checks apply.
 *
 * Project visibility is checked with the same functions the project
 * procedure uses (loadProjectAccess → effectiveProjectRole → can), on every
 * call, so a role change takes effect on the next message.
 */
import type { TenantDb } from "@/server/db/tenant";
import type { LogMethods } from "@/server/logger";
import type { AuditActor } from "@/server/context-types";
import { DomainError } from "@/domain/errors";
import { can, effectiveProjectRole, type OrgRole, type ProjectRole } from "@/domain/permissions";
import { loadProjectAccess } from "../project-access";
import { listProjects } from "../projects";

export type ChatCtx = {
  db: TenantDb;
  org: { id: string; slug: string; name: string };
  orgRole: OrgRole;
  user: { id: string; name: string; email: string };
  /** Who to record in the audit log (conversation metadata only, never message text). */
  audit: AuditActor;
  log?: LogMethods;
};

export type VisibleProject = { id: string; name: string; clientName: string | null; role: ProjectRole };

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: unknown): s is string => typeof s === "string" && UUID_RE.test(s);

/** The project if the caller may view it; null for anything else (other org, deleted, no role, not an id). */
export async function visibleProject(c: ChatCtx, projectId: string): Promise<VisibleProject | null> {
  if (!isUuid(projectId)) return null;
  const access = await loadProjectAccess(c.db, projectId, c.user.id);
  if (!access) return null;
  const role = effectiveProjectRole(c.orgRole, access.role);
  if (!role || !can(role, "project.view")) return null;
  return { id: access.project.id, name: access.project.name, clientName: access.project.clientName, role };
}

export async function requireVisibleProject(c: ChatCtx, projectId: string): Promise<VisibleProject> {
  const p = await visibleProject(c, projectId);
  if (!p) throw new DomainError("NOT_FOUND", "Project not found");
  return p;
}

/** Every project the caller can see in this org (listProjects applies the roles). */
export async function accessibleProjects(c: ChatCtx): Promise<VisibleProject[]> {
  const rows = await listProjects(c.db, { userId: c.user.id, orgRole: c.orgRole });
  return rows
    .filter((p) => can(p.role, "project.view"))
    .map((p) => ({ id: p.id, name: p.name, clientName: p.clientName, role: p.role }));
}

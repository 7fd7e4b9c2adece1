/** Projects and their workstreams; project roles. */
import type { TenantDb, TenantPrisma } from "@/server/db/tenant";
import type { CentralDb } from "@/server/db/central";
import type { AuditActor } from "@/server/context-types";
import { dateToIso, isoToDate } from "@/domain/dates";
import { DomainError } from "@/domain/errors";
import { effectiveProjectRole, type OrgRole, type ProjectRole } from "@/domain/permissions";
import type { TCreateProject, TSetProjectRole } from "@/contracts/project";
import { auditOf, writeAudit } from "./audit";

const auditProject = auditOf("project");

const iso = (d: Date | null) => (d ? dateToIso(d) : null);

const PROJECT_SELECT = {
  id: true,
  name: true,
  clientName: true,
  projectStart: true,
  projectEnd: true,
  nextItemNum: true,
  indicatorsUpdated: true,
  createdAt: true,
  updatedAt: true,
  workstreams: {
    select: { id: true, name: true, sortOrder: true },
    orderBy: [{ sortOrder: "asc" }, { name: "asc" }],
  },
} satisfies TenantPrisma.ProjectSelect;

type ProjectRow = {
  id: string;
  name: string;
  clientName: string | null;
  projectStart: Date | null;
  projectEnd: Date | null;
  nextItemNum: number;
  indicatorsUpdated: Date | null;
  createdAt: Date;
  updatedAt: Date;
  workstreams: { id: string; name: string; sortOrder: number }[];
};

export function toProjectDto(p: ProjectRow) {
  return { ...p, projectStart: iso(p.projectStart), projectEnd: iso(p.projectEnd) };
}
export type ProjectDto = ReturnType<typeof toProjectDto>;

export async function createProject(db: TenantDb, actor: AuditActor, input: TCreateProject) {
  return db.$transaction(async (tx) => {
    const project = await tx.project.create({
      data: {
        name: input.name,
        clientName: input.clientName ?? null,
        projectStart: input.projectStart ? isoToDate(input.projectStart) : null,
        projectEnd: input.projectEnd ? isoToDate(input.projectEnd) : null,
        workstreams: { create: (input.workstreams ?? []).map((name, i) => ({ name, sortOrder: i })) },
        // The creator administers what they create.
        roles: actor.userId ? { create: { userId: actor.userId, role: "admin" } } : undefined,
      },
      select: PROJECT_SELECT,
    });
    const dto = toProjectDto(project);
    await auditProject(tx, actor, "CREATE", { projectId: project.id, id: project.id }, { after: dto });
    return dto;
  });
}

export async function getProject(db: TenantDb, projectId: string) {
  const p = await db.project.findFirst({ where: { id: projectId, deletedAt: null }, select: PROJECT_SELECT });
  if (!p) throw new DomainError("NOT_FOUND", "Project not found");
  return toProjectDto(p);
}

/** Projects the caller can see: all of them for org owners/admins, else those with a role. */
export async function listProjects(db: TenantDb, caller: { userId: string | null; orgRole: OrgRole }) {
  const seesAll = caller.orgRole === "owner" || caller.orgRole === "admin" || !caller.userId;
  const rows = await db.project.findMany({
    where: { deletedAt: null, ...(seesAll ? {} : { roles: { some: { userId: caller.userId! } } }) },
    select: {
      ...PROJECT_SELECT,
      roles: caller.userId ? { where: { userId: caller.userId }, select: { role: true } } : false,
      _count: { select: { items: { where: { deletedAt: null } } } },
    },
    orderBy: { name: "asc" },
  });
  // Health at a glance for the project cards: open and critical counts in one grouped query.
  const health = await db.item.groupBy({
    by: ["projectId", "severityRank"],
    where: { projectId: { in: rows.map((r) => r.id) }, deletedAt: null, draft: false },
    _count: { _all: true },
  });
  const countOf = (projectId: string, pred: (rank: number) => boolean) =>
    health
      .filter((h) => h.projectId === projectId && pred(h.severityRank))
      .reduce((n, h) => n + h._count._all, 0);
  return rows.map(({ roles, _count, ...p }) => ({
    ...toProjectDto(p),
    itemCount: _count.items,
    // severity ranks: 0 critical … 4 completed, 5 done, 6 none
    criticalCount: countOf(p.id, (r) => r === 0),
    openCount: countOf(p.id, (r) => r !== 4 && r !== 5),
    role:
      effectiveProjectRole(
        caller.orgRole,
        (roles as { role: ProjectRole }[] | undefined)?.[0]?.role ?? null,
      ) ?? ("admin" as ProjectRole),
  }));
}

export async function setProjectRole(
  db: TenantDb,
  central: CentralDb,
  actor: AuditActor,
  scope: { orgId: string; projectId: string },
  input: TSetProjectRole,
) {
  const user = await central.user.findFirst({
    where: {
      email: input.email,
      deletedAt: null,
      memberships: { some: { orgId: scope.orgId, deactivatedAt: null } },
    },
    select: { id: true, email: true, name: true },
  });
  if (!user) {
    throw new DomainError("NOT_FOUND", "No member of this organization has that e-mail", {
      fieldErrors: { email: ["No member of this organization has that e-mail"] },
    });
  }
  return db.$transaction(async (tx) => {
    await putProjectRole(tx, actor, scope.projectId, user, input.role);
    return { userId: user.id, email: user.email, name: user.name, role: input.role };
  });
}

/**
 * Gives a user a role on a project (null: takes it away) and audits the change, inside the
 * caller's transaction. `via` says how it was granted (e.g. "invitation"), in the audit row.
 */
export async function putProjectRole(
  tx: TenantPrisma.TransactionClient,
  actor: AuditActor,
  projectId: string,
  user: { id: string; email: string },
  role: ProjectRole | null,
  via?: string,
) {
  const key = { projectId_userId: { projectId, userId: user.id } };
  const before = await tx.projectRole.findUnique({ where: key, select: { role: true } });
  if (role === null) {
    if (before) await tx.projectRole.delete({ where: key });
  } else {
    await tx.projectRole.upsert({
      where: key,
      create: { projectId, userId: user.id, role },
      update: { role },
    });
  }
  await writeAudit(tx, actor, {
    action: "PERMISSION_CHANGE",
    entityType: "project_role",
    entityId: user.id,
    projectId,
    before: before ? { userId: user.id, email: user.email, role: before.role } : null,
    after: role ? { userId: user.id, email: user.email, role, ...(via ? { via } : {}) } : null,
  });
}

export async function updateProject(
  db: TenantDb,
  actor: AuditActor,
  projectId: string,
  input: {
    name?: string;
    clientName?: string | null;
    projectStart?: string | null;
    projectEnd?: string | null;
  },
) {
  return db.$transaction(async (tx) => {
    const before = toProjectDto(
      await tx.project.findUniqueOrThrow({ where: { id: projectId }, select: PROJECT_SELECT }),
    );
    const start = input.projectStart !== undefined ? input.projectStart : before.projectStart;
    const end = input.projectEnd !== undefined ? input.projectEnd : before.projectEnd;
    if (start && end && start > end) {
      throw new DomainError("INVALID", "The end must not be before the start", {
        fieldErrors: { projectEnd: ["The end must not be before the start"] },
      });
    }
    const date = (v: string | null | undefined) =>
      v === undefined ? undefined : v === null ? null : isoToDate(v);
    const after = toProjectDto(
      await tx.project.update({
        where: { id: projectId },
        data: {
          name: input.name,
          clientName: input.clientName,
          projectStart: date(input.projectStart),
          projectEnd: date(input.projectEnd),
        },
        select: PROJECT_SELECT,
      }),
    );
    await auditProject(tx, actor, "UPDATE", { projectId, id: projectId }, { before, after });
    return after;
  });
}

/** Soft delete: the project disappears for everyone; its data stays for audit and recovery. */
export async function deleteProject(db: TenantDb, actor: AuditActor, projectId: string) {
  return db.$transaction(async (tx) => {
    const before = toProjectDto(
      await tx.project.findUniqueOrThrow({ where: { id: projectId }, select: PROJECT_SELECT }),
    );
    await tx.project.update({ where: { id: projectId }, data: { deletedAt: new Date() } });
    await auditProject(tx, actor, "DELETE", { projectId, id: projectId }, { before });
    return { deleted: true as const };
  });
}

/** People with an explicit role on the project (org owners/admins act as admins without one). */
export async function listProjectMembers(db: TenantDb, central: CentralDb, projectId: string, orgId: string) {
  const roles = await db.projectRole.findMany({
    where: { projectId },
    select: { userId: true, role: true, updatedAt: true },
  });
  const users = await central.user.findMany({
    where: {
      id: { in: roles.map((r) => r.userId) },
      deletedAt: null,
      memberships: { some: { orgId, deactivatedAt: null } },
    },
    select: { id: true, email: true, name: true, avatarUrl: true },
  });
  return users
    .map((u) => ({ ...u, role: roles.find((r) => r.userId === u.id)!.role }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

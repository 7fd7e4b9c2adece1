/** Loading a project together with the caller's explicit role on it (one query). */
import type { TenantDb } from "@/server/db/tenant";
import type { ProjectRole } from "@/domain/permissions";

/** Matches no role row (the system actor has none). */
const NO_USER = "00000000-0000-0000-0000-000000000000";

export async function loadProjectAccess(db: TenantDb, projectId: string, userId: string | null) {
  const found = await db.project.findFirst({
    where: { id: projectId, deletedAt: null },
    select: {
      id: true,
      name: true,
      clientName: true,
      projectStart: true,
      projectEnd: true,
      indicatorsAsOf: true,
      roles: { where: { userId: userId ?? NO_USER }, select: { role: true }, take: 1 },
    },
  });
  if (!found) return null;
  const { roles, ...project } = found;
  const role: ProjectRole | null = roles[0]?.role ?? null;
  return { project, role };
}

/** Loading a project together with the caller's explicit role on it. */
import type { TenantDb } from "@/server/db/tenant";
import type { ProjectRole } from "@/domain/permissions";

export async function loadProjectAccess(db: TenantDb, projectId: string, userId: string | null) {
  const project = await db.project.findFirst({
    where: { id: projectId, deletedAt: null },
    select: {
      id: true,
      name: true,
      clientName: true,
      projectStart: true,
      projectEnd: true,
      indicatorsAsOf: true,
    },
  });
  if (!project) return null;
  let role: ProjectRole | null = null;
  if (userId) {
    const r = await db.projectRole.findUnique({
      where: { projectId_userId: { projectId, userId } },
      select: { role: true },
    });
    role = r?.role ?? null;
  }
  return { project, role };
}

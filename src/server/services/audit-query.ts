/**
 * Reading the org's audit trail (admins), newest first, with filters.
 * Assistant conversations are left out unless filtered for explicitly.
 */
import type { TenantDb, TenantPrisma } from "@/server/db/tenant";

export type AuditFilter = {
  projectId?: string;
  entityType?: string;
  entityId?: string;
  actorId?: string;
  action?: string;
  from?: Date;
  to?: Date;
  /** id of the last row of the previous page */
  cursor?: string;
  limit: number;
};

export async function listAudit(db: TenantDb, f: AuditFilter) {
  const where: TenantPrisma.AuditLogWhereInput = {
    projectId: f.projectId,
    // Assistant conversations are private to their owner: out of the log unless asked for by name.
    entityType: f.entityType ?? { not: "chat_session" },
    entityId: f.entityId,
    actorId: f.actorId,
    action: f.action,
    createdAt: f.from || f.to ? { gte: f.from, lt: f.to } : undefined,
    ...(f.cursor ? { id: { lt: BigInt(f.cursor) } } : {}),
  };
  const rows = await db.auditLog.findMany({ where, orderBy: { id: "desc" }, take: f.limit + 1 });
  const page = rows.slice(0, f.limit);
  return {
    entries: page.map((r) => ({ ...r, id: r.id.toString() })),
    nextCursor: rows.length > f.limit ? page[page.length - 1]!.id.toString() : null,
  };
}

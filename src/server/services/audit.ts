/**
 * Audit trail: every data change writes one row, with before/after state, in
 * the same transaction as the change. The table is append-only (trigger).
 */
import type { TenantPrisma } from "@/server/db/tenant";
import type { CentralPrisma } from "@/server/db/central";
import type { AuditActor } from "@/server/context-types";

export type AuditAction =
  | "CREATE"
  | "UPDATE"
  | "DELETE"
  | "RESTORE"
  | "LOGIN"
  | "LOGIN_FAILED"
  | "LOGOUT"
  | "PERMISSION_CHANGE"
  | "LINK"
  | "UNLINK"
  | "IMPORT"
  | "RECALCULATE";

type JsonValue = string | number | boolean | null | JsonValue[] | { [k: string]: JsonValue };

/** Dates, Decimals and BigInts made JSON-safe; DATE columns as YYYY-MM-DD. */
export function toAuditJson(value: unknown): JsonValue {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso;
  }
  if (typeof value === "bigint") return value.toString();
  if (Array.isArray(value)) return value.map(toAuditJson);
  if (typeof value === "object") {
    // Prisma Decimal
    if (typeof (value as { toFixed?: unknown }).toFixed === "function" && "d" in (value as object)) {
      return (value as { toString(): string }).toString();
    }
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, toAuditJson(v)]),
    );
  }
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") return value;
  return String(value);
}

export type AuditEntry = {
  action: AuditAction;
  entityType: string;
  entityId: string | null;
  projectId?: string | null;
  before?: unknown;
  after?: unknown;
};

/** Channel on which every org database announces committed changes (see src/server/live.ts). */
export const CHANGES_CHANNEL = "braidmgr_changes";

/**
 * Whether a change is announced to everyone watching its project. A user's
 * assistant conversations are theirs alone: their changes are never announced
 * (another member's live stream must not learn of them).
 */
export function isAnnounced(e: Pick<AuditEntry, "entityType" | "projectId">): boolean {
  return !!e.projectId && !e.entityType.startsWith("chat_");
}

export async function writeAudit(
  tx: TenantPrisma.TransactionClient,
  actor: AuditActor,
  e: AuditEntry,
): Promise<void> {
  if (isAnnounced(e)) {
    // Delivered by PostgreSQL only if and when the transaction commits: live updates never show a rolled-back change.
    const payload = JSON.stringify({
      projectId: e.projectId,
      entityType: e.entityType,
      entityId: e.entityId,
      action: e.action,
      actorId: actor.userId,
    });
    await tx.$executeRaw`SELECT pg_notify(${CHANGES_CHANNEL}, ${payload})`;
  }
  await tx.auditLog.create({ data: auditRow(actor, e) });
}

/** A project record an audit row is about: its project (null for org-wide records) and its id. */
export type AuditedRecord = { projectId: string | null; id: string };

/**
 * The audit writer of one kind of project record: `audit(tx, actor, action, record, { before, after })`
 * writes the row with this entity type, the record's id and its project.
 */
export function auditOf(entityType: string) {
  return (
    tx: TenantPrisma.TransactionClient,
    actor: AuditActor,
    action: AuditAction,
    record: AuditedRecord,
    change: Pick<AuditEntry, "before" | "after">,
  ) =>
    writeAudit(tx, actor, {
      action,
      entityType,
      entityId: record.id,
      projectId: record.projectId,
      ...change,
    });
}

/** One tenant audit row (also for `auditLog.createMany`: bulk writes audit in one statement, in the same transaction). */
export function auditRow(actor: AuditActor, e: AuditEntry): TenantPrisma.AuditLogCreateManyInput {
  return {
    actorId: actor.userId,
    actorName: actor.name,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    projectId: e.projectId ?? null,
    before: e.before === undefined || e.before === null ? undefined : (toAuditJson(e.before) as object),
    after: e.after === undefined || e.after === null ? undefined : (toAuditJson(e.after) as object),
    correlationId: actor.correlationId,
  };
}

export async function writeCentralAudit(
  tx: CentralPrisma.TransactionClient,
  actor: AuditActor,
  e: AuditEntry & { orgId?: string | null; ip?: string | null },
): Promise<void> {
  await tx.centralAuditLog.create({
    data: {
      actorId: actor.userId,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId,
      orgId: e.orgId ?? null,
      before: e.before === undefined || e.before === null ? undefined : (toAuditJson(e.before) as object),
      after: e.after === undefined || e.after === null ? undefined : (toAuditJson(e.after) as object),
      correlationId: actor.correlationId,
      ip: e.ip ?? null,
    },
  });
}

/**
 * A central audit row for something done in a request (confirming an address, a password reset,
 * answering an invitation): by `who` (null ids when not signed in), with the request's correlation
 * id and client address.
 */
export function writeRequestAudit(
  tx: CentralPrisma.TransactionClient,
  who: { userId: string | null; name: string | null },
  meta: { correlationId: string; ip: string | null },
  e: AuditEntry & { orgId?: string | null },
): Promise<void> {
  const actor: AuditActor = { userId: who.userId, name: who.name, correlationId: meta.correlationId };
  return writeCentralAudit(tx, actor, { ...e, ip: meta.ip });
}

/**
 * Workstreams of a project: add, rename, reorder, remove. Removing one leaves
 * its items (and allocations) without a workstream rather than deleting anything.
 */
import type { TenantDb } from "@/server/db/tenant";
import type { AuditActor } from "@/server/context-types";
import { DomainError } from "@/domain/errors";
import { auditOf, writeAudit } from "./audit";

const auditWorkstream = auditOf("workstream");

const taken = (name: string) =>
  new DomainError("CONFLICT", `There is already a workstream named "${name}"`, {
    fieldErrors: { name: [`"${name}" already exists in this project`] },
  });

async function nameInUse(
  db: Pick<TenantDb, "workstream">,
  projectId: string,
  name: string,
  exceptId?: string,
) {
  const hit = await db.workstream.findFirst({
    where: {
      projectId,
      name: { equals: name, mode: "insensitive" },
      ...(exceptId ? { id: { not: exceptId } } : {}),
    },
    select: { id: true },
  });
  return !!hit;
}

export async function listWorkstreams(db: TenantDb, projectId: string) {
  const rows = await db.workstream.findMany({
    where: { projectId },
    select: {
      id: true,
      name: true,
      sortOrder: true,
      _count: { select: { items: { where: { deletedAt: null } } } },
    },
    orderBy: [{ sortOrder: "asc" }, { name: "asc" }],
  });
  return rows.map(({ _count, ...w }) => ({ ...w, itemCount: _count.items }));
}

export async function addWorkstream(db: TenantDb, actor: AuditActor, projectId: string, name: string) {
  return db.$transaction(async (tx) => {
    if (await nameInUse(tx, projectId, name)) throw taken(name);
    const last = await tx.workstream.aggregate({ where: { projectId }, _max: { sortOrder: true } });
    const ws = await tx.workstream.create({
      data: { projectId, name, sortOrder: (last._max.sortOrder ?? -1) + 1 },
      select: { id: true, name: true, sortOrder: true },
    });
    await auditWorkstream(tx, actor, "CREATE", { projectId, id: ws.id }, { after: ws });
    return ws;
  });
}

async function findWorkstream(tx: Pick<TenantDb, "workstream">, projectId: string, id: string) {
  const ws = await tx.workstream.findFirst({
    where: { id, projectId },
    select: { id: true, name: true, sortOrder: true },
  });
  if (!ws) throw new DomainError("NOT_FOUND", "Workstream not found");
  return ws;
}

export async function renameWorkstream(
  db: TenantDb,
  actor: AuditActor,
  projectId: string,
  input: { workstreamId: string; name: string },
) {
  return db.$transaction(async (tx) => {
    const before = await findWorkstream(tx, projectId, input.workstreamId);
    if (await nameInUse(tx, projectId, input.name, before.id)) throw taken(input.name);
    const after = await tx.workstream.update({
      where: { id: before.id },
      data: { name: input.name },
      select: { id: true, name: true, sortOrder: true },
    });
    await auditWorkstream(tx, actor, "UPDATE", { projectId, id: before.id }, { before, after });
    return after;
  });
}

/** `order` lists every workstream id of the project in the new order. */
export async function reorderWorkstreams(
  db: TenantDb,
  actor: AuditActor,
  projectId: string,
  order: string[],
) {
  return db.$transaction(async (tx) => {
    const current = await tx.workstream.findMany({
      where: { projectId },
      select: { id: true, name: true, sortOrder: true },
      orderBy: { sortOrder: "asc" },
    });
    const ids = new Set(current.map((w) => w.id));
    if (
      order.length !== current.length ||
      new Set(order).size !== order.length ||
      !order.every((id) => ids.has(id))
    ) {
      throw new DomainError("INVALID", "List every workstream of the project exactly once", {
        fieldErrors: { order: ["List every workstream exactly once"] },
      });
    }
    await Promise.all(order.map((id, i) => tx.workstream.update({ where: { id }, data: { sortOrder: i } })));
    await writeAudit(tx, actor, {
      action: "UPDATE",
      entityType: "workstream_order",
      entityId: projectId,
      projectId,
      before: current.map((w) => w.name),
      after: order.map((id) => current.find((w) => w.id === id)!.name),
    });
    return listWorkstreams(tx as unknown as TenantDb, projectId);
  });
}

export async function removeWorkstream(
  db: TenantDb,
  actor: AuditActor,
  projectId: string,
  workstreamId: string,
) {
  return db.$transaction(async (tx) => {
    const before = await findWorkstream(tx, projectId, workstreamId);
    const { count: items } = await tx.item.updateMany({
      where: { workstreamId },
      data: { workstreamId: null, version: { increment: 1 } },
    });
    await tx.budgetAllocation.updateMany({ where: { workstreamId }, data: { workstreamId: null } });
    await tx.workstream.delete({ where: { id: workstreamId } });
    const removed = { ...before, itemsCleared: items };
    await auditWorkstream(tx, actor, "DELETE", { projectId, id: workstreamId }, { before: removed });
    return { removed: true as const, itemsCleared: items };
  });
}

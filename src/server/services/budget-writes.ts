/**
 * The write shape shared by the budget records (allocations, timesheet
 * entries, rate-card entries): one transaction that changes one row and
 * writes its audit row, with optimistic concurrency on update and a soft
 * delete. The audit row's project is the record's own (`projectId`, null for
 * the org-wide rate card).
 */
import type { TenantDb } from "@/server/db/tenant";
import type { AuditActor } from "@/server/context-types";
import { DomainError } from "@/domain/errors";
import { writeAudit } from "./audit";
import { checkUnchanged, conflict, type Db, type Tx } from "./budget-common";

/** What the audit log needs of a record's DTO. */
type Audited = { id: string; projectId: string | null; updatedAt: Date };

/** One kind of budget record, as the shared writes see it. */
export type BudgetRecord<T extends Audited> = {
  /** `entityType` of its audit rows, e.g. "budget_allocation". */
  entityType: string;
  /** For the conflict and NOT_FOUND messages: "This allocation was changed by someone else…", "Allocation not found". */
  noun: string;
  /** The live (not deleted) record, or null. */
  find: (db: Db, id: string) => Promise<T | null>;
};

/** The NOT_FOUND message of a kind of record, e.g. "Allocation not found". */
export const notFound = ({ noun }: { noun: string }) => `${noun[0]!.toUpperCase()}${noun.slice(1)} not found`;

/**
 * The records of a kind that belongs to one project (allocations, timesheet
 * entries): `findFirst` looks up a live one of that project, `toDto` makes it a DTO.
 */
export function projectRecords<R, T extends Audited>({
  findFirst,
  toDto,
  ...kind
}: Omit<BudgetRecord<T>, "find"> & {
  findFirst: (db: Db, where: { id: string; projectId: string; deletedAt: null }) => Promise<R | null>;
  toDto: (row: R) => T;
}): (projectId: string) => BudgetRecord<T> {
  return (projectId) => ({
    ...kind,
    find: async (db, id) => {
      const row = await findFirst(db, { id, projectId, deletedAt: null });
      return row ? toDto(row) : null;
    },
  });
}

async function findOrThrow<T extends Audited>(tx: Tx, record: BudgetRecord<T>, id: string): Promise<T> {
  const row = await record.find(tx, id);
  if (!row) throw new DomainError("NOT_FOUND", notFound(record));
  return row;
}

/** Creates the record (`create` returns its DTO) and audits it. */
export function createAudited<T extends Audited>(
  db: TenantDb,
  actor: AuditActor,
  record: BudgetRecord<T>,
  create: (tx: Tx) => Promise<T>,
): Promise<T> {
  return db.$transaction(async (tx) => {
    const after = await create(tx);
    await writeAudit(tx, actor, {
      action: "CREATE",
      entityType: record.entityType,
      entityId: after.id,
      projectId: after.projectId,
      after,
    });
    return after;
  });
}

/**
 * Updates a live record unless it changed since `expectedUpdatedAt` (or
 * changes while this runs): `write` gets the row as it was and the `where`
 * that only matches it unchanged, and returns the `updateMany` count.
 */
export function updateAudited<T extends Audited>(
  db: TenantDb,
  actor: AuditActor,
  record: BudgetRecord<T>,
  id: string,
  expectedUpdatedAt: Date | undefined,
  write: (
    tx: Tx,
    before: T,
    unchanged: { id: string; deletedAt: null; updatedAt: Date },
  ) => Promise<{ count: number }>,
): Promise<T> {
  return db.$transaction(async (tx) => {
    const before = await findOrThrow(tx, record, id);
    checkUnchanged(before.updatedAt, expectedUpdatedAt, record.noun);
    const { count } = await write(tx, before, { id, deletedAt: null, updatedAt: before.updatedAt });
    if (count !== 1) throw conflict(record.noun);
    const after = (await record.find(tx, id))!;
    await writeAudit(tx, actor, {
      action: "UPDATE",
      entityType: record.entityType,
      entityId: id,
      projectId: before.projectId,
      before,
      after,
    });
    return after;
  });
}

/** Soft-deletes a live record (`softDelete` sets its `deletedAt`) and audits it. */
export function deleteAudited<T extends Audited>(
  db: TenantDb,
  actor: AuditActor,
  record: BudgetRecord<T>,
  id: string,
  softDelete: (tx: Tx, deletedAt: Date) => Promise<unknown>,
): Promise<{ id: string }> {
  return db.$transaction(async (tx) => {
    const before = await findOrThrow(tx, record, id);
    await softDelete(tx, new Date());
    await writeAudit(tx, actor, {
      action: "DELETE",
      entityType: record.entityType,
      entityId: id,
      projectId: before.projectId,
      before,
    });
    return { id };
  });
}

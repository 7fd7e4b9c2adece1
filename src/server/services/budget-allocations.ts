/**
 * Budget allocations (the v1 "budget ledger", SPEC §2): amounts (negative for
 * a de-scope or credit), optionally for one workstream, dated or for a period.
 * The project's budget total is their sum.
 */
import type { TenantDb } from "@/server/db/tenant";
import type { AuditActor } from "@/server/context-types";
import { DomainError } from "@/domain/errors";
import { allocationDateProblems, type TCreateAllocation, type TUpdateAllocation } from "@/contracts/budget";
import {
  dateChange,
  dateOrNull,
  iso,
  money,
  RECORD_SELECT,
  type Db,
  type RecordRow,
  type Tx,
} from "./budget-common";
import { createAudited, deleteAudited, projectRecords, updateAudited } from "./budget-writes";
import { applyChanges } from "@/domain/changes";

const SELECT = {
  ...RECORD_SELECT,
  amount: true,
  workstreamId: true,
  workstream: { select: { name: true } },
  allocationDate: true,
  periodStart: true,
  periodEnd: true,
  note: true,
} as const;

type Row = RecordRow & {
  amount: { toFixed(n: number): string };
  workstreamId: string | null;
  workstream: { name: string } | null;
  allocationDate: Date | null;
  periodStart: Date | null;
  periodEnd: Date | null;
  note: string | null;
};

export function toAllocationDto(r: Row) {
  return {
    id: r.id,
    projectId: r.projectId,
    amount: money(r.amount),
    workstream: r.workstream?.name ?? null,
    date: iso(r.allocationDate),
    periodStart: iso(r.periodStart),
    periodEnd: iso(r.periodEnd),
    note: r.note,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}
export type AllocationDto = ReturnType<typeof toAllocationDto>;

/** Oldest first, as a ledger reads; undated entries last. */
export async function listAllocations(db: Db, projectId: string): Promise<AllocationDto[]> {
  const rows = await db.budgetAllocation.findMany({
    where: { projectId, deletedAt: null },
    select: SELECT,
  });
  const key = (a: AllocationDto) => a.date ?? a.periodStart ?? "9999-12-31";
  return rows
    .map(toAllocationDto)
    .sort((a, b) => key(a).localeCompare(key(b)) || a.createdAt.getTime() - b.createdAt.getTime());
}

/** The project's allocations, for the shared audited writes. */
const allocations = projectRecords({
  entityType: "budget_allocation",
  noun: "allocation",
  findFirst: (db, where) => db.budgetAllocation.findFirst({ where, select: SELECT }),
  toDto: toAllocationDto,
});

/** A workstream of the project by name (case-insensitive); null clears it. */
export async function resolveWorkstreamId(
  tx: Tx,
  projectId: string,
  name: string | null,
): Promise<string | null> {
  if (!name) return null;
  const ws = await tx.workstream.findFirst({
    where: { projectId, name: { equals: name, mode: "insensitive" } },
    select: { id: true },
  });
  if (ws) return ws.id;
  const names = await tx.workstream.findMany({
    where: { projectId },
    select: { name: true },
    orderBy: { sortOrder: "asc" },
  });
  const message = names.length
    ? `No workstream named "${name}" in this project (it has ${names.map((n) => n.name).join(", ")})`
    : `This project has no workstreams yet; add "${name}" in the project settings first`;
  throw new DomainError("INVALID", message, { fieldErrors: { workstream: [message] } });
}

function assertDates(v: { date: string | null; periodStart: string | null; periodEnd: string | null }) {
  const problems = allocationDateProblems(v);
  const first = Object.values(problems)[0]?.[0];
  if (first) throw new DomainError("INVALID", first, { fieldErrors: problems });
}

export async function createAllocation(
  db: TenantDb,
  actor: AuditActor,
  projectId: string,
  input: TCreateAllocation,
): Promise<AllocationDto> {
  return createAudited(db, actor, allocations(projectId), async (tx) => {
    const workstreamId = await resolveWorkstreamId(tx, projectId, input.workstream ?? null);
    const row = await tx.budgetAllocation.create({
      data: {
        projectId,
        workstreamId,
        amount: input.amount,
        allocationDate: dateOrNull(input.date),
        periodStart: dateOrNull(input.periodStart),
        periodEnd: dateOrNull(input.periodEnd),
        note: input.note ?? null,
      },
      select: SELECT,
    });
    return toAllocationDto(row);
  });
}

export async function updateAllocation(
  db: TenantDb,
  actor: AuditActor,
  projectId: string,
  input: TUpdateAllocation,
): Promise<AllocationDto> {
  const { id, expectedUpdatedAt, workstream, ...changes } = input;
  return updateAudited(
    db,
    actor,
    allocations(projectId),
    id,
    expectedUpdatedAt,
    async (tx, before, unchanged) => {
      assertDates(applyChanges(before, changes));
      const workstreamId =
        workstream === undefined ? undefined : await resolveWorkstreamId(tx, projectId, workstream);
      return tx.budgetAllocation.updateMany({
        where: { ...unchanged, projectId },
        data: {
          amount: changes.amount,
          workstreamId,
          allocationDate: dateChange(changes.date),
          periodStart: dateChange(changes.periodStart),
          periodEnd: dateChange(changes.periodEnd),
          note: changes.note,
        },
      });
    },
  );
}

export async function deleteAllocation(db: TenantDb, actor: AuditActor, projectId: string, id: string) {
  return deleteAudited(db, actor, allocations(projectId), id, (tx, deletedAt) =>
    tx.budgetAllocation.update({ where: { id }, data: { deletedAt } }),
  );
}

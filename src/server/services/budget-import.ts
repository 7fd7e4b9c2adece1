/**
 * The v1 Budget YAML (metadata, rate card, budget ledger, timesheet data)
 * imported on its own into an existing project, all or nothing. A project
 * that already keeps budget data is left alone unless the caller asks to
 * replace it; then the old data is removed (soft delete, audited) in the same
 * transaction as the new data is written.
 */
import type { TenantDb } from "@/server/db/tenant";
import type { AuditActor } from "@/server/context-types";
import { isoToDate } from "@/domain/dates";
import { DomainError } from "@/domain/errors";
import { parseBudgetYaml, type ImportIssue } from "@/domain/yaml-v1";
import type { TImportBudgetYaml } from "@/server/api/routers/budget.schema";
import { auditRow, dateOrNull, LONG_TX, type Db, type Tx } from "./budget-common";
import { toAllocationDto } from "./budget-allocations";
import { toRateCardDto } from "./budget-rate-card";
import { toTimesheetDto } from "./budget-timesheets";
import { lockProjectWork } from "@/server/db/transactions";

export type BudgetImportResult = {
  projectId: string;
  rateCard: number;
  allocations: number;
  timesheets: number;
  /** What was removed first (replace), else null. */
  replaced: { rateCard: number; allocations: number; timesheets: number } | null;
  workstreamsCreated: string[];
  warnings: ImportIssue[];
};

const where = (e: ImportIssue) =>
  [
    e.item !== undefined ? `${typeof e.item === "number" ? "item " : ""}${e.item}` : null,
    e.line ? `line ${e.line}` : null,
  ]
    .filter(Boolean)
    .join(", ");
const describe = (e: ImportIssue) => `${where(e) ? `${where(e)}: ` : ""}${e.message}`;

function refuse(errors: ImportIssue[]): never {
  const n = errors.length;
  throw new DomainError(
    "INVALID",
    `The budget file has ${n} problem${n === 1 ? "" : "s"}: ${errors.slice(0, 3).map(describe).join("; ")}${n > 3 ? " …" : ""}`,
    { details: { file: "budget", errors }, fieldErrors: { budget: errors.map(describe) } },
  );
}

/** The project's own budget records: allocations, timesheets and project-specific rate-card entries. */
export async function budgetDataCounts(db: Db, projectId: string) {
  const live = { projectId, deletedAt: null };
  const [rateCard, allocations, timesheets] = await Promise.all([
    db.rateCard.count({ where: live }),
    db.budgetAllocation.count({ where: live }),
    db.timesheetEntry.count({ where: live }),
  ]);
  return { rateCard, allocations, timesheets };
}

/** Soft-deletes the project's budget records, one audit row each. */
async function removeBudgetData(tx: Tx, actor: AuditActor, projectId: string) {
  const live = { projectId, deletedAt: null };
  const [rateCard, allocations, timesheets] = await Promise.all([
    tx.rateCard.findMany({ where: live }),
    tx.budgetAllocation.findMany({ where: live, include: { workstream: { select: { name: true } } } }),
    tx.timesheetEntry.findMany({ where: live }),
  ]);
  const now = new Date();
  await tx.rateCard.updateMany({ where: live, data: { deletedAt: now } });
  await tx.budgetAllocation.updateMany({ where: live, data: { deletedAt: now } });
  await tx.timesheetEntry.updateMany({ where: live, data: { deletedAt: now } });
  const del = (entityType: string, entityId: string, before: unknown) =>
    auditRow(actor, { action: "DELETE", entityType, entityId, projectId, before });
  await tx.auditLog.createMany({
    data: [
      ...rateCard.map((r) => del("rate_card", r.id, toRateCardDto(r))),
      ...allocations.map((a) => del("budget_allocation", a.id, toAllocationDto(a))),
      ...timesheets.map((t) => del("timesheet_entry", t.id, toTimesheetDto(t))),
    ],
  });
  return { rateCard: rateCard.length, allocations: allocations.length, timesheets: timesheets.length };
}

/** Workstream ids by lower-case name; names the ledger uses but the project lacks are created. */
async function workstreamsFor(tx: Tx, actor: AuditActor, projectId: string, names: readonly string[]) {
  const existing = await tx.workstream.findMany({
    where: { projectId },
    select: { id: true, name: true, sortOrder: true },
  });
  const ids = new Map(existing.map((w) => [w.name.toLowerCase(), w.id]));
  let order = Math.max(-1, ...existing.map((w) => w.sortOrder));
  const created: string[] = [];
  for (const name of names) {
    if (ids.has(name.toLowerCase())) continue;
    const ws = await tx.workstream.create({
      data: { projectId, name, sortOrder: ++order },
      select: { id: true, name: true, sortOrder: true },
    });
    ids.set(name.toLowerCase(), ws.id);
    created.push(name);
    await tx.auditLog.create({
      data: auditRow(actor, {
        action: "CREATE",
        entityType: "workstream",
        entityId: ws.id,
        projectId,
        after: ws,
      }),
    });
  }
  return { ids, created };
}

export async function importBudgetYaml(
  db: TenantDb,
  actor: AuditActor,
  project: { id: string; name: string },
  input: TImportBudgetYaml,
): Promise<BudgetImportResult> {
  const parsed = parseBudgetYaml(input.budget);
  if (!parsed.ok) refuse(parsed.errors);
  const { budget } = parsed;
  const warnings = [...parsed.warnings];
  const fileName = budget.metadata.projectName;
  if (fileName && fileName.trim().toLowerCase() !== project.name.trim().toLowerCase()) {
    warnings.push({
      field: "metadata.project_name",
      message: `the file is for "${fileName}", imported into "${project.name}"`,
    });
  }
  const projectId = project.id;

  return db.$transaction(async (tx) => {
    // Two imports into one project queue up instead of both passing the check (an advisory lock:
    // the project row, which item creation increments, stays free).
    await lockProjectWork(tx, "budget-import", projectId);
    const counts = await budgetDataCounts(tx, projectId);
    const hasData = counts.rateCard + counts.allocations + counts.timesheets > 0;
    if (hasData && !input.replace) {
      throw new DomainError(
        "CONFLICT",
        `This project already has budget data (${counts.allocations} allocations, ${counts.timesheets} timesheet entries, ${counts.rateCard} project rate-card entries). Import with "replace" to swap it for the file's data.`,
        { details: { existing: counts } },
      );
    }
    const replaced = hasData ? await removeBudgetData(tx, actor, projectId) : null;

    const wsNames = [...new Set(budget.allocations.flatMap((a) => (a.workstream ? [a.workstream] : [])))];
    const ws = await workstreamsFor(tx, actor, projectId, wsNames);

    const rateCard = await tx.rateCard.createManyAndReturn({
      data: budget.rateCard.map((r) => ({
        projectId,
        resourceName: r.resourceName,
        role: r.role,
        geography: r.geography,
        hourlyRate: r.rate,
        effectiveFrom: dateOrNull(r.effectiveFrom),
        effectiveTo: dateOrNull(r.effectiveTo),
        rollOffDate: dateOrNull(r.rollOffDate),
      })),
    });
    const allocations = await tx.budgetAllocation.createManyAndReturn({
      data: budget.allocations.map((a) => ({
        projectId,
        amount: a.amount,
        allocationDate: dateOrNull(a.date),
        note: a.note,
        workstreamId: a.workstream ? (ws.ids.get(a.workstream.toLowerCase()) ?? null) : null,
      })),
      include: { workstream: { select: { name: true } } },
    });
    // v1 rule: a cost written in the file is kept (a mismatch with hours × rate is a warning); a missing one is computed.
    const timesheets = await tx.timesheetEntry.createManyAndReturn({
      data: budget.timesheets.map((t) => ({
        projectId,
        resource: t.resource,
        weekEnding: isoToDate(t.weekEnding),
        hours: t.hours,
        rate: t.rate,
        cost: t.cost,
        completeWeek: t.completeWeek,
      })),
    });

    const create = (entityType: string, entityId: string, after: unknown) =>
      auditRow(actor, { action: "CREATE", entityType, entityId, projectId, after });
    await tx.auditLog.createMany({
      data: [
        auditRow(actor, {
          action: "IMPORT",
          entityType: "budget",
          entityId: projectId,
          projectId,
          after: {
            source: "budget YAML",
            rateCard: rateCard.length,
            allocations: allocations.length,
            timesheets: timesheets.length,
            replaced,
          },
        }),
        ...rateCard.map((r) => create("rate_card", r.id, toRateCardDto(r))),
        ...allocations.map((a) => create("budget_allocation", a.id, toAllocationDto(a))),
        ...timesheets.map((t) => create("timesheet_entry", t.id, toTimesheetDto(t))),
      ],
    });

    return {
      projectId,
      rateCard: rateCard.length,
      allocations: allocations.length,
      timesheets: timesheets.length,
      replaced,
      workstreamsCreated: ws.created,
      warnings,
    };
  }, LONG_TX);
}

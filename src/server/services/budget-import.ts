/**
 * The v1 Budget YAML (metadata, rate card, budget ledger, timesheet data)
 * imported on its own into an existing project, all or nothing. A project
 * that already keeps budget data is left alone unless the caller asks to
 * replace it; then the old data is removed (soft delete, audited) in the same
 * transaction as the new data is written.
 */
import type { TenantDb } from "@/server/db/tenant";
import type { AuditActor } from "@/server/context-types";
import { DomainError } from "@/domain/errors";
import { IMPORT_LIMITS } from "@/domain/limits";
import { parseBudgetYaml, type ImportIssue } from "@/domain/yaml-v1";
import type { TImportBudgetYaml } from "@/contracts/budget";
import { auditRow } from "./audit";
import { type Db, type Tx } from "./budget-common";
import { toAllocationDto } from "./budget-allocations";
import {
  allocationDto,
  allocationInsert,
  rateCardDto,
  rateCardInsert,
  stored,
  timesheetDto,
  timesheetInsert,
  type WorkstreamOf,
} from "./budget-bulk";
import { toRateCardDto } from "./budget-rate-card";
import { toTimesheetDto } from "./budget-timesheets";
import { auditInsert, bulkInsert, IMPORT_TX } from "./bulk-insert";
import { lockProjectWork } from "@/server/db/transactions";

export type BudgetImportResult = {
  projectId: string;
  rateCard: number;
  allocations: number;
  timesheets: number;
  /** What was removed first (replace), else null. */
  replaced: { rateCard: number; allocations: number; timesheets: number } | null;
  workstreamsCreated: string[];
  /** The first IMPORT_LIMITS.reportedProblems warnings; `warningCount` counts them all. */
  warnings: ImportIssue[];
  warningCount: number;
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
  const listed = errors.slice(0, IMPORT_LIMITS.reportedProblems);
  const more = n > listed.length ? [`… and ${n - listed.length} more problems`] : [];
  throw new DomainError(
    "INVALID",
    `The budget file has ${n} problem${n === 1 ? "" : "s"}: ${errors.slice(0, 3).map(describe).join("; ")}${n > 3 ? " …" : ""}`,
    {
      details: { file: "budget", errors: listed, errorCount: n },
      fieldErrors: { budget: [...listed.map(describe), ...more] },
    },
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

/** Rows read per round trip when removing a large budget. */
const PAGE = 5_000;

/**
 * Every live row of one budget table, a page at a time (by id), each page's
 * audit rows written before the next is read — memory stays flat however
 * large the budget.
 */
async function auditPages<T extends { id: string }>(
  read: (after: string | undefined) => Promise<T[]>,
  audit: (rows: T[]) => Promise<unknown>,
): Promise<number> {
  let count = 0;
  let after: string | undefined;
  for (;;) {
    const rows = await read(after);
    if (rows.length === 0) return count;
    await audit(rows);
    count += rows.length;
    after = rows[rows.length - 1]!.id;
  }
}

/** Soft-deletes the project's budget records, one audit row each. */
async function removeBudgetData(tx: Tx, actor: AuditActor, projectId: string) {
  const live = { projectId, deletedAt: null };
  const page = (after: string | undefined) => ({
    where: { ...live, ...(after ? { id: { gt: after } } : {}) },
    orderBy: { id: "asc" as const },
    take: PAGE,
  });
  const del =
    <T extends { id: string }>(entityType: string, dto: (row: T) => unknown) =>
    (rows: T[]) =>
      tx.auditLog.createMany({
        data: rows.map((r) =>
          auditRow(actor, { action: "DELETE", entityType, entityId: r.id, projectId, before: dto(r) }),
        ),
      });
  const rateCard = await auditPages(
    (after) => tx.rateCard.findMany(page(after)),
    del("rate_card", toRateCardDto),
  );
  const allocations = await auditPages(
    (after) =>
      tx.budgetAllocation.findMany({ ...page(after), include: { workstream: { select: { name: true } } } }),
    del("budget_allocation", toAllocationDto),
  );
  const timesheets = await auditPages(
    (after) => tx.timesheetEntry.findMany(page(after)),
    del("timesheet_entry", toTimesheetDto),
  );
  const now = new Date();
  await tx.rateCard.updateMany({ where: live, data: { deletedAt: now } });
  await tx.budgetAllocation.updateMany({ where: live, data: { deletedAt: now } });
  await tx.timesheetEntry.updateMany({ where: live, data: { deletedAt: now } });
  return { rateCard, allocations, timesheets };
}

/** Workstream ids by lower-case name; names the ledger uses but the project lacks are created. */
async function workstreamsFor(tx: Tx, actor: AuditActor, projectId: string, names: readonly string[]) {
  const existing = await tx.workstream.findMany({
    where: { projectId },
    select: { id: true, name: true, sortOrder: true },
  });
  const byName = new Map(existing.map((w) => [w.name.toLowerCase(), { id: w.id, name: w.name }]));
  let order = existing.reduce((max, w) => Math.max(max, w.sortOrder), -1);
  const created: string[] = [];
  for (const name of names) {
    if (byName.has(name.toLowerCase())) continue;
    const ws = await tx.workstream.create({
      data: { projectId, name, sortOrder: ++order },
      select: { id: true, name: true, sortOrder: true },
    });
    byName.set(name.toLowerCase(), { id: ws.id, name: ws.name });
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
  return { byName, created };
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

    const now = new Date();
    const rateCard = stored(budget.rateCard, now);
    const allocations = stored(budget.allocations, now);
    // v1 rule: a cost written in the file is kept (a mismatch with hours × rate is a warning); a missing one is computed.
    const timesheets = stored(budget.timesheets, now);
    const workstreamOf: WorkstreamOf = (name) => (name ? (ws.byName.get(name.toLowerCase()) ?? null) : null);
    await bulkInsert(tx, rateCardInsert(projectId), rateCard);
    await bulkInsert(tx, allocationInsert(projectId, workstreamOf), allocations);
    await bulkInsert(
      tx,
      timesheetInsert(projectId, (t) => `timesheet entry of ${t.resource} for ${t.weekEnding}`),
      timesheets,
    );

    await tx.auditLog.create({
      data: auditRow(actor, {
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
    });
    await bulkInsert(
      tx,
      auditInsert<(typeof rateCard)[number]>(actor, projectId, (r) => ({
        action: "CREATE",
        entityType: "rate_card",
        entityId: r.id,
        after: rateCardDto(projectId, r),
      })),
      rateCard,
    );
    await bulkInsert(
      tx,
      auditInsert<(typeof allocations)[number]>(actor, projectId, (a) => ({
        action: "CREATE",
        entityType: "budget_allocation",
        entityId: a.id,
        after: allocationDto(projectId, workstreamOf, a),
      })),
      allocations,
    );
    await bulkInsert(
      tx,
      auditInsert<(typeof timesheets)[number]>(actor, projectId, (t) => ({
        action: "CREATE",
        entityType: "timesheet_entry",
        entityId: t.id,
        after: timesheetDto(projectId, t),
      })),
      timesheets,
    );

    return {
      projectId,
      rateCard: rateCard.length,
      allocations: allocations.length,
      timesheets: timesheets.length,
      replaced,
      workstreamsCreated: ws.created,
      warnings: warnings.slice(0, IMPORT_LIMITS.reportedProblems),
      warningCount: warnings.length,
    };
  }, IMPORT_TX);
}

/**
 * Timesheet entries (SPEC §2): resource, week ending, hours, rate, and cost =
 * hours × rate, always computed here with integer cents — never taken from
 * the client. A missing rate comes from the rate card. Also the CSV upload:
 * a preview that writes nothing, and an all-or-nothing import.
 */
import type { TenantDb } from "@/server/db/tenant";
import type { AuditActor } from "@/server/context-types";
import { centsToDecimal, costOf, decimalToCents } from "@/domain/budget";
import { isoToDate } from "@/domain/dates";
import { DomainError } from "@/domain/errors";
import { findRate, resourceKey, type RateCardEntry } from "@/domain/rate-card";
import {
  describeIssue,
  readTimesheetCsv,
  type TimesheetCsvResult,
  type TimesheetCsvRow,
} from "@/domain/timesheet-csv";
import type { IsoDate } from "@/domain/types";
import {
  MAX_CSV_ROWS,
  type TCreateTimesheet,
  type TImportTimesheetCsv,
  type TListTimesheets,
  type TPreviewTimesheetCsv,
  type TUpdateTimesheet,
} from "@/contracts/budget";
import { auditRow } from "./audit";
import { iso, money, RECORD_SELECT, type Db, type RecordRow, type Tx } from "./budget-common";
import { rateCardEntriesFor } from "./budget-rate-card";
import { createAudited, deleteAudited, projectRecords, updateAudited } from "./budget-writes";
import { IMPORT_LIMITS } from "@/domain/limits";
import { stored, timesheetDto, timesheetInsert } from "./budget-bulk";
import { auditInsert, bulkInsert, IMPORT_TX } from "./bulk-insert";

const SELECT = {
  ...RECORD_SELECT,
  resource: true,
  weekEnding: true,
  hours: true,
  rate: true,
  cost: true,
  completeWeek: true,
} as const;

type Row = RecordRow & {
  resource: string;
  weekEnding: Date;
  hours: { toFixed(n: number): string };
  rate: { toFixed(n: number): string };
  cost: { toFixed(n: number): string };
  completeWeek: boolean;
};

export function toTimesheetDto(r: Row) {
  return {
    id: r.id,
    projectId: r.projectId,
    resource: r.resource,
    weekEnding: iso(r.weekEnding)!,
    hours: money(r.hours),
    rate: money(r.rate),
    cost: money(r.cost),
    completeWeek: r.completeWeek,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}
export type TimesheetDto = ReturnType<typeof toTimesheetDto>;

/** hours × rate in exact cents, as a decimal string. */
export function timesheetCost(hours: string, rate: string): string {
  const h = decimalToCents(hours);
  const r = decimalToCents(rate);
  if (h === null || r === null)
    throw new DomainError("INVALID", "Hours and rate must be decimals with at most 2 places");
  return centsToDecimal(costOf(h, r));
}

// ------------------------------------------------------------------- reads

/** Newest week first, then by resource. `resources` lists every resource on the project (for filters). */
export async function listTimesheets(db: Db, projectId: string, f: TListTimesheets) {
  const where = {
    projectId,
    deletedAt: null,
    ...(f.resource ? { resource: { equals: f.resource, mode: "insensitive" as const } } : {}),
    ...(f.from || f.to
      ? {
          weekEnding: {
            ...(f.from ? { gte: isoToDate(f.from) } : {}),
            ...(f.to ? { lte: isoToDate(f.to) } : {}),
          },
        }
      : {}),
  };
  const offset = f.cursor ?? 0;
  const [rows, total, resources] = await Promise.all([
    db.timesheetEntry.findMany({
      where,
      select: SELECT,
      orderBy: [{ weekEnding: "desc" }, { resource: "asc" }, { createdAt: "asc" }],
      skip: offset,
      take: f.limit,
    }),
    db.timesheetEntry.count({ where }),
    db.timesheetEntry.findMany({
      where: { projectId, deletedAt: null },
      distinct: ["resource"],
      select: { resource: true },
      orderBy: { resource: "asc" },
    }),
  ]);
  const next = offset + rows.length;
  return {
    entries: rows.map(toTimesheetDto),
    total,
    nextCursor: next < total ? next : null,
    resources: resources.map((r) => r.resource),
  };
}

/** The project's timesheet entries, for the shared audited writes. */
const timesheets = projectRecords({
  entityType: "timesheet_entry",
  noun: "timesheet entry",
  findFirst: (db, where) => db.timesheetEntry.findFirst({ where, select: SELECT }),
  toDto: toTimesheetDto,
});

// ------------------------------------------------------------------ writes

function rateFromCard(card: readonly RateCardEntry[], resource: string, weekEnding: IsoDate): string {
  const entry = findRate(card, resource, weekEnding);
  if (entry) return entry.hourlyRate;
  const message = `The rate card has no rate for "${resource}" on ${weekEnding}; enter a rate`;
  throw new DomainError("INVALID", message, { fieldErrors: { rate: [message] } });
}

export async function createTimesheet(
  db: TenantDb,
  actor: AuditActor,
  projectId: string,
  input: TCreateTimesheet,
): Promise<TimesheetDto> {
  return createAudited(db, actor, timesheets(projectId), async (tx) => {
    const rate =
      input.rate ?? rateFromCard(await rateCardEntriesFor(tx, projectId), input.resource, input.weekEnding);
    const row = await tx.timesheetEntry.create({
      data: {
        projectId,
        resource: input.resource,
        weekEnding: isoToDate(input.weekEnding),
        hours: input.hours,
        rate,
        cost: timesheetCost(input.hours, rate),
        completeWeek: input.completeWeek,
      },
      select: SELECT,
    });
    return toTimesheetDto(row);
  });
}

export async function updateTimesheet(
  db: TenantDb,
  actor: AuditActor,
  projectId: string,
  input: TUpdateTimesheet,
): Promise<TimesheetDto> {
  const { id, expectedUpdatedAt, ...changes } = input;
  return updateAudited(
    db,
    actor,
    timesheets(projectId),
    id,
    expectedUpdatedAt,
    async (tx, before, unchanged) => {
      const resource = changes.resource ?? before.resource;
      const weekEnding = changes.weekEnding ?? before.weekEnding;
      const hours = changes.hours ?? before.hours;
      const rate =
        changes.rate === null
          ? rateFromCard(await rateCardEntriesFor(tx, projectId), resource, weekEnding)
          : (changes.rate ?? before.rate);
      return tx.timesheetEntry.updateMany({
        where: { ...unchanged, projectId },
        data: {
          resource,
          weekEnding: isoToDate(weekEnding),
          hours,
          rate,
          cost: timesheetCost(hours, rate),
          completeWeek: changes.completeWeek,
        },
      });
    },
  );
}

export async function deleteTimesheet(db: TenantDb, actor: AuditActor, projectId: string, id: string) {
  return deleteAudited(db, actor, timesheets(projectId), id, (tx, deletedAt) =>
    tx.timesheetEntry.update({ where: { id }, data: { deletedAt } }),
  );
}

// --------------------------------------------------------------------- CSV

/** Existing entries of the project with the same resource and week ending as a row of the file. */
async function findDuplicates(db: Db, projectId: string, rows: readonly TimesheetCsvRow[]) {
  if (rows.length === 0) return [];
  const weeks = [...new Set(rows.map((r) => r.weekEnding))];
  const existing = await db.timesheetEntry.findMany({
    where: { projectId, deletedAt: null, weekEnding: { in: weeks.map(isoToDate) } },
    select: SELECT,
  });
  const inFile = new Map<string, number>();
  for (const r of rows) {
    const key = `${resourceKey(r.resource)}|${r.weekEnding}`;
    if (!inFile.has(key)) inFile.set(key, r.row);
  }
  return existing
    .map(toTimesheetDto)
    .flatMap((e) => {
      const row = inFile.get(`${resourceKey(e.resource)}|${e.weekEnding}`);
      return row === undefined ? [] : [{ row, existing: e }];
    })
    .sort((a, b) => a.row - b.row);
}

async function readCsvFor(
  db: Db,
  projectId: string,
  input: TPreviewTimesheetCsv,
): Promise<TimesheetCsvResult> {
  const card = await rateCardEntriesFor(db, projectId);
  return readTimesheetCsv(input.csv, {
    mapping: input.mapping,
    maxRows: MAX_CSV_ROWS,
    rateFor: (resource, weekEnding) => findRate(card, resource, weekEnding)?.hourlyRate ?? null,
  });
}

/** Rows a preview sends back to show (the counts cover the whole file). */
const PREVIEW_ROWS = 200;
const LISTED = IMPORT_LIMITS.reportedProblems;

/**
 * What the upload would do, without writing anything. A large file is
 * summarised: the first rows, problems and warnings, and counts of each.
 */
export async function previewTimesheetCsv(db: TenantDb, projectId: string, input: TPreviewTimesheetCsv) {
  const result = await readCsvFor(db, projectId, input);
  const duplicates = await findDuplicates(db, projectId, result.rows);
  return {
    ...result,
    rows: result.rows.slice(0, PREVIEW_ROWS),
    readyRows: result.rows.length,
    errors: result.errors.slice(0, LISTED),
    errorCount: result.errors.length,
    warnings: result.warnings.slice(0, LISTED),
    warningCount: result.warnings.length,
    duplicates: {
      count: duplicates.length,
      rows: [...new Set(duplicates.map((d) => d.row))],
      examples: duplicates
        .slice(0, 5)
        .map((d) => ({ row: d.row, resource: d.existing.resource, weekEnding: d.existing.weekEnding })),
    },
  };
}

function refuseCsv(result: TimesheetCsvResult): never {
  const n = result.errors.length;
  const first = result.errors.slice(0, 3).map(describeIssue);
  throw new DomainError(
    "INVALID",
    `The CSV was not imported: ${n} problem${n === 1 ? "" : "s"} — ${first.join("; ")}${n > 3 ? " …" : ""}`,
    {
      details: {
        errors: result.errors.slice(0, LISTED),
        errorCount: n,
        warnings: result.warnings.slice(0, LISTED),
      },
      fieldErrors: {
        csv: [
          ...result.errors.slice(0, LISTED).map(describeIssue),
          ...(n > LISTED ? [`… and ${n - LISTED} more problems`] : []),
        ],
      },
    },
  );
}

/**
 * All or nothing: a file with any bad row is refused whole (row numbers in
 * the error); rows matching existing entries are refused, replace them, or
 * are added alongside, as `duplicates` says.
 */
export async function importTimesheetCsv(
  db: TenantDb,
  actor: AuditActor,
  projectId: string,
  input: TImportTimesheetCsv,
) {
  const result = await readCsvFor(db, projectId, input);
  if (result.errors.length > 0) refuseCsv(result);

  return db.$transaction(async (tx: Tx) => {
    const duplicates = await findDuplicates(tx, projectId, result.rows);
    if (duplicates.length > 0 && input.duplicates === "reject") {
      const ex = duplicates[0]!;
      const message = `${duplicates.length} existing entr${duplicates.length === 1 ? "y has" : "ies have"} the same resource and week ending as rows of the file (e.g. row ${ex.row}: ${ex.existing.resource}, week ending ${ex.existing.weekEnding}); choose to replace them or to add the rows alongside`;
      throw new DomainError("CONFLICT", message, {
        fieldErrors: { duplicates: [message] },
        details: { duplicates: duplicates.map((d) => ({ row: d.row, id: d.existing.id })) },
      });
    }
    let replaced = 0;
    if (duplicates.length > 0 && input.duplicates === "replace") {
      const seen = new Set<string>();
      const removed = duplicates.filter((d) => !seen.has(d.existing.id) && seen.add(d.existing.id));
      await tx.$executeRaw`UPDATE timesheet_entries SET deleted_at = now() WHERE id = ANY(${removed.map((d) => d.existing.id)}::uuid[])`;
      await bulkInsert(
        tx,
        auditInsert<(typeof removed)[number]>(actor, projectId, (d) => ({
          action: "DELETE",
          entityType: "timesheet_entry",
          entityId: d.existing.id,
          before: d.existing,
        })),
        removed,
      );
      replaced = removed.length;
    }
    const created = stored(result.rows, new Date());
    await bulkInsert(
      tx,
      timesheetInsert<TimesheetCsvRow>(projectId, (r) => `row ${r.row} (line ${r.line})`),
      created,
    );
    await tx.auditLog.create({
      data: auditRow(actor, {
        action: "IMPORT",
        entityType: "timesheet_import",
        entityId: projectId,
        projectId,
        after: {
          source: "timesheet CSV",
          entries: created.length,
          replaced,
          hours: result.totals.hours,
          cost: result.totals.cost,
        },
      }),
    });
    await bulkInsert(
      tx,
      auditInsert<(typeof created)[number]>(actor, projectId, (c) => ({
        action: "CREATE",
        entityType: "timesheet_entry",
        entityId: c.id,
        after: timesheetDto(projectId, c),
      })),
      created,
    );
    return {
      imported: created.length,
      replaced,
      totals: result.totals,
      warnings: result.warnings.slice(0, LISTED),
      warningCount: result.warnings.length,
    };
  }, IMPORT_TX);
}

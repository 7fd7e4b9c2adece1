/**
 * Import of v1 files (a RAID log, optionally its Budget file) into a new
 * project, all or nothing: every problem is reported per item and nothing is
 * written unless the whole import succeeds.
 */
import { randomUUID } from "node:crypto";
import type { TenantDb, TenantPrisma } from "@/server/db/tenant";
import type { AuditActor } from "@/server/context-types";
import { isoToDate } from "@/domain/dates";
import { DomainError } from "@/domain/errors";
import { assigneeMatcher, type AssignableMember } from "@/domain/assignees";
import { computeIndicator } from "@/domain/indicators";
import { IMPORT_LIMITS } from "@/domain/limits";
import type { IsoDate, ItemRecord, ProjectMeta } from "@/domain/types";
import { parseBudgetYaml, parseRaidYaml, type BudgetFile, type ImportIssue } from "@/domain/yaml-v1";
import { allocationInsert, rateCardInsert, stored, timesheetInsert, type WorkstreamOf } from "./budget-bulk";
import { auditInsert, bulkInsert, IMPORT_TX } from "./bulk-insert";
import { PROJECT_META_SELECT } from "./records";
import { insertBaseline } from "./risk-schedule";
import { budgetDataCounts } from "./budget-import";
import { DEPENDENCY_INSERT, NOTE_INSERT, dependenciesOf, itemInsert, memo, notesOf } from "./import-rows";

export type ImportResult = {
  projectId: string;
  name: string;
  /** The baseline taken of the imported plan. */
  baselineId: string;
  items: number;
  notes: number;
  dependencies: number;
  workstreams: number;
  budget: { rateCard: number; allocations: number; timesheets: number } | null;
  /** The first IMPORT_LIMITS.reportedProblems warnings; `warningCount` counts them all. */
  warnings: ImportIssue[];
  warningCount: number;
};

const where = (e: ImportIssue) =>
  [e.item !== undefined ? `item ${e.item}` : null, e.line ? `line ${e.line}` : null]
    .filter(Boolean)
    .join(", ");
const describeIssue = (e: ImportIssue) => `${where(e) ? `${where(e)}: ` : ""}${e.message}`;

/** BAD_REQUEST listing the problems (the first few in the message, up to IMPORT_LIMITS.reportedProblems in the details). */
export function refuseFile(file: "raid" | "budget", errors: ImportIssue[]): never {
  const n = errors.length;
  const listed = errors.slice(0, IMPORT_LIMITS.reportedProblems);
  const more = n > listed.length ? [`… and ${n - listed.length} more problems`] : [];
  const first = errors
    .slice(0, 3)
    .map((e) => `${where(e) ? `${where(e)}: ` : ""}${e.field ? `${e.field}: ` : ""}${e.message}`);
  throw new DomainError(
    "INVALID",
    `The ${file === "raid" ? "RAID log" : "budget file"} has ${n} problem${n === 1 ? "" : "s"}: ${first.join("; ")}${n > 3 ? " …" : ""}`,
    {
      details: { file, errors: listed, errorCount: n },
      fieldErrors: { [file]: [...listed.map(describeIssue), ...more] },
    },
  );
}

export function parseImportFiles(raidText: string, budgetText?: string | null) {
  const raid = parseRaidYaml(raidText);
  if (!raid.ok) refuseFile("raid", raid.errors);
  let budget: BudgetFile | null = null;
  const warnings = [...raid.warnings];
  if (budgetText) {
    const b = parseBudgetYaml(budgetText);
    if (!b.ok) refuseFile("budget", b.errors);
    budget = b.budget;
    warnings.push(...b.warnings);
  }
  return { project: raid.project, items: raid.items, budget, warnings };
}

export type Parsed = {
  project: ProjectMeta;
  items: ItemRecord[];
  budget: BudgetFile | null;
  warnings: ImportIssue[];
};

type Opts = { name?: string; members?: readonly AssignableMember[]; source?: string };

/** The file's workstreams, then those named only by items or allocations. */
function workstreamsOf({ project: meta, items, budget }: Parsed): string[] {
  const workstreams = [...meta.workstreams];
  const known = new Set(workstreams.map((w) => w.toLowerCase()));
  const add = (ws: string | null) => {
    if (ws && !known.has(ws.toLowerCase())) {
      known.add(ws.toLowerCase());
      workstreams.push(ws);
    }
  };
  for (const item of items) add(item.workstream);
  for (const a of budget?.allocations ?? []) add(a.workstream);
  return workstreams;
}

const nextItemNumOf = ({ project: meta, items }: Parsed) =>
  items.reduce((next, i) => Math.max(next, i.itemNum + 1), Math.max(meta.nextItemNum, 1));

const date = (d: IsoDate | null) => (d ? isoToDate(d) : null);

/**
 * Writes the project and everything in it in ONE transaction: a failure at
 * any point (a refused row, a crash, `kill -9`) leaves no trace of it.
 * Rows go in with bulk inserts, chunk by chunk; ids are made here, so notes,
 * dependencies and audit rows need no read-back.
 */
export async function importProject(
  db: TenantDb,
  actor: AuditActor,
  parsed: Parsed,
  today: IsoDate,
  opts: Opts = {},
): Promise<ImportResult> {
  const { project: meta } = parsed;
  const workstreams = workstreamsOf(parsed);
  return db.$transaction(async (tx: TenantPrisma.TransactionClient) => {
    const project = await tx.project.create({
      data: {
        name: opts.name ?? meta.name,
        clientName: meta.clientName,
        projectStart: date(meta.projectStart),
        projectEnd: date(meta.projectEnd),
        nextItemNum: nextItemNumOf(parsed),
        indicatorsAsOf: isoToDate(today),
        indicatorsUpdated: new Date(),
        workstreams: { create: workstreams.map((name, i) => ({ name, sortOrder: i })) },
        roles: actor.userId ? { create: { userId: actor.userId, role: "admin" } } : undefined,
      },
      select: { id: true, name: true, workstreams: { select: { id: true, name: true } } },
    });
    return writeContent(tx, actor, project, parsed, today, { ...opts, workstreams: workstreams.length });
  }, IMPORT_TX);
}

/**
 * Imports into an existing project that has no items (not even deleted ones,
 * whose numbers the file could reuse) — and, with a budget file, no budget
 * data. The project keeps its name; its client and dates are filled in from
 * the file where they are not set. All or nothing, like importProject.
 */
export async function importIntoProject(
  db: TenantDb,
  actor: AuditActor,
  projectId: string,
  parsed: Parsed,
  today: IsoDate,
  opts: Opts = {},
): Promise<ImportResult> {
  const { project: meta, budget } = parsed;
  return db.$transaction(async (tx: TenantPrisma.TransactionClient) => {
    // The row lock queues item creation (which bumps next_item_num) and a second import behind this one.
    await tx.$executeRaw`SELECT id FROM projects WHERE id = ${projectId}::uuid FOR UPDATE`;
    const current = await tx.project.findFirstOrThrow({
      where: { id: projectId, deletedAt: null },
      select: {
        ...PROJECT_META_SELECT,
        workstreams: { select: { name: true, sortOrder: true } },
      },
    });
    const live = await tx.item.count({ where: { projectId, deletedAt: null } });
    const deleted = await tx.item.count({ where: { projectId, deletedAt: { not: null } } });
    if (live + deleted > 0) {
      throw new DomainError(
        "CONFLICT",
        live > 0
          ? `This project already has ${live} item${live === 1 ? "" : "s"}; import into an empty project or a new one`
          : `This project has ${deleted} deleted item${deleted === 1 ? "" : "s"}; import into a new project instead`,
        { details: { items: live, deletedItems: deleted } },
      );
    }
    if (budget) {
      const counts = await budgetDataCounts(tx, projectId);
      if (counts.rateCard + counts.allocations + counts.timesheets > 0) {
        throw new DomainError(
          "CONFLICT",
          "This project already has budget data; import the RAID log without the budget file, or into a new project",
          { details: { existing: counts } },
        );
      }
    }
    const have = new Set(current.workstreams.map((w) => w.name.toLowerCase()));
    const added = workstreamsOf(parsed).filter((w) => !have.has(w.toLowerCase()));
    const order = current.workstreams.reduce((max, w) => Math.max(max, w.sortOrder + 1), 0);
    const project = await tx.project.update({
      where: { id: projectId },
      data: {
        clientName: current.clientName ?? meta.clientName,
        projectStart: current.projectStart ?? date(meta.projectStart),
        projectEnd: current.projectEnd ?? date(meta.projectEnd),
        nextItemNum: Math.max(current.nextItemNum, nextItemNumOf(parsed)),
        indicatorsAsOf: isoToDate(today),
        indicatorsUpdated: new Date(),
        workstreams: { create: added.map((name, i) => ({ name, sortOrder: order + i })) },
      },
      select: { id: true, name: true, workstreams: { select: { id: true, name: true } } },
    });
    return writeContent(tx, actor, project, parsed, today, {
      ...opts,
      workstreams: project.workstreams.length,
      into: true,
    });
  }, IMPORT_TX);
}

/** Items, notes, dependencies, budget, audit and the baseline of an imported plan, into `project`. */
async function writeContent(
  tx: TenantPrisma.TransactionClient,
  actor: AuditActor,
  project: { id: string; name: string; workstreams: { id: string; name: string }[] },
  parsed: Parsed,
  today: IsoDate,
  opts: Opts & { workstreams: number; into?: boolean },
): Promise<ImportResult> {
  const { items, budget } = parsed;
  const projectId = project.id;
  const ids = new Map<number, string>(items.map((i) => [i.itemNum, randomUUID()]));
  const idOf = (itemNum: number) => ids.get(itemNum)!;
  // Assignees who are org members (by e-mail or a name no other member shares) are linked to them.
  const memberOf = memo(assigneeMatcher(opts.members ?? []));
  const wsId = new Map(project.workstreams.map((w) => [w.name.toLowerCase(), w.id]));
  const wsByName = new Map(project.workstreams.map((w) => [w.name.toLowerCase(), w]));
  const workstreamOf: WorkstreamOf = (name) => (name ? (wsByName.get(name.toLowerCase()) ?? null) : null);

  await bulkInsert(tx, itemInsert(projectId, actor.userId, wsId, idOf, memberOf, today), items);
  const notes = await bulkInsert(tx, NOTE_INSERT, notesOf(items, idOf));
  const dependencies = await bulkInsert(tx, DEPENDENCY_INSERT, dependenciesOf(items, idOf));

  if (budget) {
    const now = new Date();
    await bulkInsert(tx, rateCardInsert(projectId), stored(budget.rateCard, now));
    await bulkInsert(tx, allocationInsert(projectId, workstreamOf), stored(budget.allocations, now));
    await bulkInsert(
      tx,
      timesheetInsert(projectId, (t) => `timesheet entry of ${t.resource} for ${t.weekEnding}`),
      stored(budget.timesheets, now),
    );
  }

  // Audit: the project, and every imported item with its full state (built chunk by chunk).
  await bulkInsert(
    tx,
    auditInsert<null>(actor, projectId, () => ({
      action: "IMPORT",
      entityType: "project",
      entityId: projectId,
      after: {
        name: project.name,
        items: items.length,
        budget: !!budget,
        ...(opts.source ? { source: opts.source } : {}),
        ...(opts.into ? { into: "existing project" } : {}),
      },
    })),
    [null],
  );
  await bulkInsert(
    tx,
    auditInsert<ItemRecord>(
      actor,
      projectId,
      (i) => ({
        action: "CREATE",
        entityType: "item",
        entityId: idOf(i.itemNum),
        after: { ...i, indicator: computeIndicator(i, today) },
      }),
      (i) => `item ${i.itemNum}`,
    ),
    items,
  );

  // Baseline of the plan as imported (SPEC §13: snapshot automatically on import).
  const baseline = await insertBaseline(
    tx,
    actor,
    projectId,
    `Imported ${today}`,
    items.map((i) => ({ ...i, indicator: computeIndicator(i, today) })),
    "import",
  );

  return {
    projectId,
    name: project.name,
    baselineId: baseline.id,
    items: items.length,
    notes,
    dependencies,
    workstreams: opts.workstreams,
    budget: budget
      ? {
          rateCard: budget.rateCard.length,
          allocations: budget.allocations.length,
          timesheets: budget.timesheets.length,
        }
      : null,
    warnings: parsed.warnings.slice(0, IMPORT_LIMITS.reportedProblems),
    warningCount: parsed.warnings.length,
  };
}

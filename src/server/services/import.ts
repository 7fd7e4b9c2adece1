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
import { auditInsert, bulkInsert, IMPORT_TX, type BulkInsert } from "./bulk-insert";
import { insertBaseline } from "./risk-schedule";
import { indicatorColumns } from "./items";

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

type Parsed = {
  project: ProjectMeta;
  items: ItemRecord[];
  budget: BudgetFile | null;
  warnings: ImportIssue[];
};

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
  opts: { name?: string; members?: readonly AssignableMember[] } = {},
): Promise<ImportResult> {
  const { project: meta, items, budget } = parsed;
  // Workstreams named by items but missing from the metadata are added after the listed ones.
  const workstreams = [...meta.workstreams];
  const known = new Set(workstreams.map((w) => w.toLowerCase()));
  const addWorkstream = (ws: string | null) => {
    if (ws && !known.has(ws.toLowerCase())) {
      known.add(ws.toLowerCase());
      workstreams.push(ws);
    }
  };
  for (const item of items) addWorkstream(item.workstream);
  for (const a of budget?.allocations ?? []) addWorkstream(a.workstream);
  const date = (d: IsoDate | null) => (d ? isoToDate(d) : null);
  const nextItemNum = items.reduce((next, i) => Math.max(next, i.itemNum + 1), Math.max(meta.nextItemNum, 1));
  const ids = new Map<number, string>(items.map((i) => [i.itemNum, randomUUID()]));
  // Assignees who are org members (by e-mail or a name no other member shares) are linked to them.
  const memberOf = memo(assigneeMatcher(opts.members ?? []));
  const noteCount = items.reduce((n, i) => n + i.notes.length, 0);
  const depCount = items.reduce((n, i) => n + i.dependsOn.length, 0);

  return db.$transaction(async (tx: TenantPrisma.TransactionClient) => {
    const project = await tx.project.create({
      data: {
        name: opts.name ?? meta.name,
        clientName: meta.clientName,
        projectStart: date(meta.projectStart),
        projectEnd: date(meta.projectEnd),
        nextItemNum,
        indicatorsAsOf: isoToDate(today),
        indicatorsUpdated: new Date(),
        workstreams: { create: workstreams.map((name, i) => ({ name, sortOrder: i })) },
        roles: actor.userId ? { create: { userId: actor.userId, role: "admin" } } : undefined,
      },
      select: { id: true, name: true, workstreams: { select: { id: true, name: true } } },
    });
    const wsId = new Map(project.workstreams.map((w) => [w.name.toLowerCase(), w.id]));
    const wsByName = new Map(project.workstreams.map((w) => [w.name.toLowerCase(), w]));
    const workstreamOf: WorkstreamOf = (name) => (name ? (wsByName.get(name.toLowerCase()) ?? null) : null);
    const projectId = project.id;
    const idOf = (itemNum: number) => ids.get(itemNum)!;

    await bulkInsert(tx, itemInsert(projectId, actor.userId, wsId, idOf, memberOf, today), items);
    await bulkInsert(tx, NOTE_INSERT, notesOf(items, idOf));
    await bulkInsert(tx, DEPENDENCY_INSERT, dependenciesOf(items, idOf));

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
        after: { name: project.name, items: items.length, budget: !!budget },
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
      notes: noteCount,
      dependencies: depCount,
      workstreams: workstreams.length,
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
  }, IMPORT_TX);
}

function itemInsert(
  projectId: string,
  actorId: string | null,
  wsId: ReadonlyMap<string, string>,
  idOf: (itemNum: number) => string,
  memberOf: (assignee: string | null) => string | null,
  today: IsoDate,
): BulkInsert<ItemRecord> {
  const indicator = (i: ItemRecord) => indicatorColumns(computeIndicator(i, today));
  return {
    table: "items",
    describe: (i) => `item ${i.itemNum}`,
    columns: [
      { name: "id", type: "uuid", value: (i) => idOf(i.itemNum) },
      { name: "project_id", type: "uuid", value: () => projectId },
      { name: "item_num", type: "int", value: (i) => i.itemNum },
      { name: "type", type: "text", value: (i) => i.type },
      { name: "title", type: "text", value: (i) => i.title },
      { name: "description", type: "text", value: (i) => i.description },
      {
        name: "workstream_id",
        type: "uuid",
        value: (i) => (i.workstream ? (wsId.get(i.workstream.toLowerCase()) ?? null) : null),
      },
      { name: "assigned_to", type: "text", value: (i) => i.assignedTo },
      { name: "assigned_to_user_id", type: "uuid", value: (i) => memberOf(i.assignedTo) },
      { name: "start_date", type: "date", value: (i) => i.start },
      { name: "finish_date", type: "date", value: (i) => i.finish },
      { name: "deadline", type: "date", value: (i) => i.deadline },
      { name: "duration", type: "int", value: (i) => i.duration },
      { name: "draft", type: "bool", value: (i) => i.draft },
      { name: "client_visible", type: "bool", value: (i) => i.clientVisible },
      { name: "percent_complete", type: "int", value: (i) => i.percentComplete },
      { name: "priority", type: "text", value: (i) => i.priority },
      {
        name: "rpt_out",
        type: "jsonb",
        value: (i) => JSON.stringify(i.rptOut),
        select: "ARRAY(SELECT jsonb_array_elements_text(u.rpt_out))::varchar(20)[]",
      },
      { name: "budget_amount", type: "numeric", value: (i) => i.budgetAmount },
      { name: "probability", type: "int", value: (i) => i.probability ?? null },
      { name: "impact", type: "int", value: (i) => i.impact ?? null },
      { name: "residual_probability", type: "int", value: (i) => i.residualProbability ?? null },
      { name: "residual_impact", type: "int", value: (i) => i.residualImpact ?? null },
      { name: "risk_owner", type: "text", value: (i) => i.riskOwner ?? null },
      { name: "mitigation", type: "text", value: (i) => i.mitigation ?? null },
      { name: "contingency", type: "text", value: (i) => i.contingency ?? null },
      { name: "cost_impact", type: "numeric", value: (i) => i.costImpact ?? null },
      { name: "schedule_impact_days", type: "int", value: (i) => i.scheduleImpactDays ?? null },
      { name: "indicator", type: "text", value: (i) => indicator(i).indicator },
      { name: "severity_rank", type: "int", value: (i) => indicator(i).severityRank },
      { name: "created_by_id", type: "uuid", value: () => actorId },
      { name: "updated_by_id", type: "uuid", value: () => actorId },
    ],
    computed: [{ name: "updated_at", select: "now()" }],
  };
}

type NoteRow = { itemNum: number; itemId: string; note: ItemRecord["notes"][number] };

function* notesOf(items: readonly ItemRecord[], idOf: (itemNum: number) => string): Generator<NoteRow> {
  for (const i of items)
    for (const note of i.notes) yield { itemNum: i.itemNum, itemId: idOf(i.itemNum), note };
}

const NOTE_INSERT: BulkInsert<NoteRow> = {
  table: "item_notes",
  describe: (n) => `item ${n.itemNum}, note of ${n.note.date}`,
  columns: [
    { name: "item_id", type: "uuid", value: (n) => n.itemId },
    { name: "note_date", type: "date", value: (n) => n.note.date },
    { name: "content", type: "text", value: (n) => n.note.content },
    { name: "author_name", type: "text", value: (n) => n.note.author ?? null },
  ],
  computed: [{ name: "id", select: "gen_random_uuid()" }],
};

type DependencyRow = { itemNum: number; itemId: string; dependsOnNum: number; dependsOnId: string };

function* dependenciesOf(
  items: readonly ItemRecord[],
  idOf: (itemNum: number) => string,
): Generator<DependencyRow> {
  for (const i of items) {
    for (const d of i.dependsOn)
      yield { itemNum: i.itemNum, itemId: idOf(i.itemNum), dependsOnNum: d, dependsOnId: idOf(d) };
  }
}

const DEPENDENCY_INSERT: BulkInsert<DependencyRow> = {
  table: "item_dependencies",
  describe: (d) => `item ${d.itemNum}, dependency on #${d.dependsOnNum}`,
  columns: [
    { name: "item_id", type: "uuid", value: (d) => d.itemId },
    { name: "depends_on_id", type: "uuid", value: (d) => d.dependsOnId },
  ],
};

/** One answer per distinct text (a log names the same few people thousands of times). */
function memo(match: (text: string | null) => string | null): (text: string | null) => string | null {
  const seen = new Map<string | null, string | null>();
  return (text) => {
    if (!seen.has(text)) seen.set(text, match(text));
    return seen.get(text)!;
  };
}

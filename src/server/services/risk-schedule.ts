/**
 * Risk and schedule intelligence (SPEC §13): the risk register, critical path,
 * forecast and baselines. This module does the I/O; the rules live in
 * src/domain/{risk,critical-path,forecast,baseline}.ts and export/md-changes.ts.
 *
 * Baselines are one row each in `baselines`, with the per-item snapshot
 * (domain `BaselineItem[]`) as JSONB: a baseline is written once, never
 * edited, and always read whole (compare, ghost bars, forecast), so a child
 * table would only add rows and joins.
 */
import type { TenantDb, TenantPrisma } from "@/server/db/tenant";
import type { AuditActor } from "@/server/context-types";
import { DomainError } from "@/domain/errors";
import { computeIndicator, isIndicator } from "@/domain/indicators";
import { buildRiskRegister, type RegisterItemInput, type RiskRegister } from "@/domain/risk";
import { criticalPath, type CriticalPathResult } from "@/domain/critical-path";
import { forecastFinish, type ForecastResult } from "@/domain/forecast";
import {
  compareBaseline,
  snapshotItems,
  type BaselineComparison,
  type BaselineItem,
} from "@/domain/baseline";
import {
  changesMarkdown,
  type ChangesSince,
  type IndicatorChange,
  type ItemEvent,
} from "@/domain/export/md-changes";
import { dateToIso, isoToDate } from "@/domain/dates";
import { type IsoDate, type ItemRecord, type ItemType, riskDataOf } from "@/domain/types";
import { loadProjectRecords } from "./records";
import { auditOf } from "./audit";

type Db = TenantDb | TenantPrisma.TransactionClient;

/** The project's live items with indicators as of `today` (notes not loaded). */
async function currentItems(db: Db, projectId: string, today: IsoDate) {
  const { meta, items } = await loadProjectRecords(db, projectId, { withNotes: false });
  return { meta, items: items.map((i) => ({ ...i, indicator: computeIndicator(i, today) })) };
}

export function registerInput(i: ItemRecord): RegisterItemInput {
  return {
    itemNum: i.itemNum,
    title: i.title,
    type: i.type,
    draft: i.draft,
    indicator: i.indicator,
    ...riskDataOf(i),
    assignedTo: i.assignedTo,
    workstream: i.workstream,
  };
}

export async function riskRegister(db: TenantDb, projectId: string, today: IsoDate): Promise<RiskRegister> {
  const { items } = await currentItems(db, projectId, today);
  return buildRiskRegister(items.map(registerInput));
}

export async function projectCriticalPath(db: TenantDb, projectId: string): Promise<CriticalPathResult> {
  const { items } = await loadProjectRecords(db, projectId, { withNotes: false });
  return criticalPath(items);
}

/** The newest baseline of a project (forecast measures finished items against it). */
async function latestBaseline(db: Db, projectId: string): Promise<BaselineItem[] | undefined> {
  const row = await db.baseline.findFirst({
    where: { projectId },
    orderBy: { createdAt: "desc" },
    select: { items: true },
  });
  return row ? (row.items as unknown as BaselineItem[]) : undefined;
}

export async function projectForecast(
  db: TenantDb,
  projectId: string,
  opts: { seed?: number; runs?: number; today: IsoDate },
): Promise<ForecastResult> {
  const { items } = await loadProjectRecords(db, projectId, { withNotes: false });
  return forecastFinish(items, {
    seed: opts.seed,
    runs: opts.runs,
    today: opts.today,
    baseline: await latestBaseline(db, projectId),
  });
}

// ---------------------------------------------------------------------------
// Baselines
// ---------------------------------------------------------------------------

const auditBaseline = auditOf("baseline");

const BASELINE_SUMMARY = { id: true, name: true, createdAt: true, itemCount: true, source: true } as const;
type BaselineRow = { id: string; name: string; createdAt: Date; itemCount: number; source: string };
const summary = (b: BaselineRow) => ({
  id: b.id,
  name: b.name,
  createdAt: b.createdAt,
  items: b.itemCount,
  source: b.source as "manual" | "import",
});
export type BaselineSummary = ReturnType<typeof summary>;

/**
 * Writes a baseline of `items` (records with their indicator) and its audit row, inside `tx`.
 * `takenAt` is for seeding a past plan (the demo project); by default the baseline is taken now.
 */
export async function insertBaseline(
  tx: TenantPrisma.TransactionClient,
  actor: AuditActor,
  projectId: string,
  name: string,
  items: readonly ItemRecord[],
  source: "manual" | "import",
  opts: { takenAt?: Date } = {},
): Promise<BaselineSummary> {
  const snapshot = snapshotItems(items);
  const row = await tx.baseline.create({
    data: {
      projectId,
      name,
      items: snapshot as unknown as TenantPrisma.InputJsonValue,
      itemCount: snapshot.length,
      source,
      createdById: actor.userId,
      ...(opts.takenAt ? { createdAt: opts.takenAt } : {}),
    },
    select: BASELINE_SUMMARY,
  });
  const out = summary(row);
  await auditBaseline(tx, actor, "CREATE", { projectId, id: row.id }, { after: out });
  return out;
}

export async function createBaseline(
  db: TenantDb,
  actor: AuditActor,
  projectId: string,
  name: string,
  today: IsoDate,
): Promise<BaselineSummary> {
  return db.$transaction(async (tx) => {
    const { items } = await currentItems(tx, projectId, today);
    return insertBaseline(tx, actor, projectId, name, items, "manual");
  });
}

export async function listBaselines(db: TenantDb, projectId: string): Promise<BaselineSummary[]> {
  const rows = await db.baseline.findMany({
    where: { projectId },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    select: BASELINE_SUMMARY,
  });
  return rows.map(summary);
}

async function findBaseline(db: Db, projectId: string, baselineId: string) {
  const row = await db.baseline.findFirst({
    where: { id: baselineId, projectId },
    select: { ...BASELINE_SUMMARY, items: true },
  });
  if (!row) throw new DomainError("NOT_FOUND", "Baseline not found");
  return { ...summary(row), snapshot: row.items as unknown as BaselineItem[] };
}

/**
 * One baseline with its per-item snapshot (the timeline's ghost bars and compare panel):
 * the summary's fields, with `items` the snapshot itself rather than its count.
 */
export async function getBaseline(
  db: TenantDb,
  projectId: string,
  baselineId: string,
): Promise<Omit<BaselineSummary, "items"> & { items: BaselineItem[] }> {
  const { snapshot, items: _count, ...baseline } = await findBaseline(db, projectId, baselineId);
  return { ...baseline, items: snapshot };
}

export async function compareWithBaseline(
  db: TenantDb,
  projectId: string,
  baselineId: string,
  today: IsoDate,
): Promise<BaselineComparison & { baseline: BaselineSummary }> {
  const { snapshot, ...baseline } = await findBaseline(db, projectId, baselineId);
  const { items } = await currentItems(db, projectId, today);
  return { baseline, ...compareBaseline(snapshotItems(items), snapshot) };
}

export async function deleteBaseline(db: TenantDb, actor: AuditActor, projectId: string, baselineId: string) {
  return db.$transaction(async (tx) => {
    const { snapshot: _s, ...before } = await findBaseline(tx, projectId, baselineId);
    await tx.baseline.delete({ where: { id: baselineId } });
    await auditBaseline(tx, actor, "DELETE", { projectId, id: baselineId }, { before });
    return { id: baselineId, deleted: true as const };
  });
}

// ---------------------------------------------------------------------------
// "What changed since" report (export format md-changes)
// ---------------------------------------------------------------------------

type AuditItemState = {
  itemNum?: number;
  title?: string;
  type?: string;
  indicator?: string | null;
  percentComplete?: number;
};

const itemState = (v: unknown): AuditItemState | null =>
  v && typeof v === "object" && !Array.isArray(v) ? (v as AuditItemState) : null;
const indicatorOf = (s: AuditItemState | null) => (s && isIndicator(s.indicator) ? s.indicator : null);

/**
 * Created items, closed items (% complete reaching 100), indicator changes and
 * every other update recorded in the audit log from `from` on, for items of the project.
 */
export async function auditChanges(db: TenantDb, projectId: string, from: Date) {
  const rows = await db.auditLog.findMany({
    where: { projectId, entityType: "item", action: { in: ["CREATE", "UPDATE"] }, createdAt: { gte: from } },
    orderBy: { id: "asc" },
    select: { action: true, before: true, after: true, createdAt: true, actorName: true },
  });
  const created: ItemEvent[] = [];
  const closed: ItemEvent[] = [];
  const indicatorChanges: IndicatorChange[] = [];
  const updates: ItemEvent[] = [];
  for (const r of rows) {
    const after = itemState(r.after);
    if (!after || typeof after.itemNum !== "number") continue;
    const event = {
      itemNum: after.itemNum,
      title: after.title ?? "",
      type: (after.type ?? null) as ItemType | null,
      date: dateToIso(r.createdAt),
      by: r.actorName,
    };
    if (r.action === "CREATE") {
      created.push(event);
      continue;
    }
    const before = itemState(r.before);
    if ((before?.percentComplete ?? 0) < 100 && (after.percentComplete ?? 0) >= 100) closed.push(event);
    else updates.push(event);
    const from = indicatorOf(before);
    const to = indicatorOf(after);
    if (from !== to)
      indicatorChanges.push({ itemNum: event.itemNum, title: event.title, from, to, date: event.date });
  }
  return { created, closed, indicatorChanges, updates };
}

export async function changesReport(
  db: TenantDb,
  projectId: string,
  opts: { since?: IsoDate; baselineId?: string; today: IsoDate },
): Promise<{ content: string; items: number; projectName: string }> {
  const { meta, items } = await currentItems(db, projectId, opts.today);
  let since: ChangesSince;
  let from: Date;
  let comparison: BaselineComparison | null = null;
  const titles: Record<number, string> = {};
  if (opts.baselineId) {
    const b = await findBaseline(db, projectId, opts.baselineId);
    since = { kind: "baseline", name: b.name, takenOn: dateToIso(b.createdAt) };
    from = b.createdAt;
    comparison = compareBaseline(snapshotItems(items), b.snapshot);
    for (const s of b.snapshot) titles[s.itemNum] = s.title;
  } else if (opts.since) {
    since = { kind: "date", date: opts.since };
    from = isoToDate(opts.since);
  } else {
    throw new DomainError("INVALID", "Say since when: a date or a baseline", {
      fieldErrors: { since: ["Give a date (YYYY-MM-DD) or a baseline"] },
    });
  }
  for (const i of items) titles[i.itemNum] = i.title;
  const changes = await auditChanges(db, projectId, from);
  const content = changesMarkdown({
    project: meta,
    since,
    generatedOn: opts.today,
    comparison,
    titles,
    ...changes,
  });
  return { content, items: items.length, projectName: meta.name };
}

/**
 * The project dashboard in one round trip: counts by severity, the overdue
 * list (past deadline, then late finish, then late start, each most days late
 * first), the next 7 days, budget status. Counting and selection happen in
 * PostgreSQL (indexed on project, indicator and dates), so it stays fast on
 * large projects.
 */
import { TenantPrisma, type TenantDb } from "@/server/db/tenant";
import { readRows } from "@/server/db/read-sql";
import { addDays } from "@/domain/dates";
import { DomainError } from "@/domain/errors";
import { indicatorsOfSeverity, isIndicator, severityOf } from "@/domain/indicators";
import { SEVERITIES, type IsoDate, type ItemType, type Severity } from "@/domain/types";
import { budgetMetricsIfAny } from "./budget";

const LIST_LIMIT = 50;
const DONE = ["Completed", "Completed Recently"];

/** The columns of a dashboard list row (dates as text, see src/server/db/read-sql.ts). */
const BRIEF = TenantPrisma.sql`i.item_num AS "itemNum", i.type, i.title, i.assigned_to AS "assignedTo",
  w.name AS workstream, i.indicator, (coalesce(i.deadline, i.finish_date))::text AS due,
  i.percent_complete AS "percentComplete"`;

type BriefRow = {
  /** Overdue rows: the date that was missed (deadline, finish or start, by indicator). */
  lateSince?: string | null;
  itemNum: number;
  type: string;
  title: string;
  assignedTo: string | null;
  workstream: string | null;
  indicator: string | null;
  due: string | null;
  percentComplete: number;
};

function brief(r: BriefRow) {
  const indicator = isIndicator(r.indicator) ? r.indicator : null;
  return {
    itemNum: r.itemNum,
    type: r.type as ItemType,
    title: r.title,
    assignedTo: r.assignedTo,
    workstream: r.workstream,
    indicator,
    severity: severityOf(indicator),
    due: r.due as IsoDate | null,
    percentComplete: r.percentComplete,
  };
}

/**
 * The three ways to be overdue, worst first; within each, the most days late
 * first. Each names the date that was missed.
 */
const LATE_RANK = TenantPrisma.sql`CASE i.indicator WHEN 'Beyond Deadline!!!' THEN 0 WHEN 'Late Finish!!' THEN 1 ELSE 2 END`;
const LATE_SINCE = TenantPrisma.sql`(CASE i.indicator WHEN 'Beyond Deadline!!!' THEN i.deadline
  WHEN 'Late Finish!!' THEN i.finish_date ELSE i.start_date END)`;

/**
 * Four statements in parallel on the tenant pool: the project with its counts by
 * indicator (drafts apart), the overdue (critical) list and the due-this-week list,
 * and the budget inputs.
 */
export async function projectDashboard(db: TenantDb, projectId: string, today: IsoDate) {
  const { sql } = TenantPrisma;
  const critical = indicatorsOfSeverity("critical");
  const live = sql`i.project_id = ${projectId}::uuid AND i.deleted_at IS NULL AND NOT i.draft`;
  const weekEnd = addDays(today, 7);
  const [[project], overdue, dueThisWeek, budget] = await Promise.all([
    readRows<{
      name: string;
      clientName: string | null;
      projectStart: string | null;
      projectEnd: string | null;
      indicatorsUpdated: Date | null;
      counts: { indicator: string | null; draft: boolean; n: number }[];
    }>(
      db,
      sql`SELECT p.name, p.client_name AS "clientName", p.project_start::text AS "projectStart",
        p.project_end::text AS "projectEnd", p.indicators_updated AS "indicatorsUpdated",
        (SELECT coalesce(json_agg(c), '[]'::json) FROM (
          SELECT i.indicator, i.draft, count(*)::int AS n FROM items i
          WHERE i.project_id = p.id AND i.deleted_at IS NULL GROUP BY i.indicator, i.draft) c) AS counts
      FROM projects p WHERE p.id = ${projectId}::uuid`,
    ),
    readRows<BriefRow>(
      db,
      sql`SELECT ${BRIEF}, ${LATE_SINCE}::text AS "lateSince" FROM items i
      LEFT JOIN workstreams w ON w.id = i.workstream_id
      WHERE ${live} AND i.indicator = ANY(${critical}::text[])
      ORDER BY ${LATE_RANK}, ${LATE_SINCE} ASC NULLS LAST, i.item_num ASC LIMIT ${LIST_LIMIT}`,
    ),
    readRows<BriefRow>(
      db,
      sql`SELECT ${BRIEF} FROM items i LEFT JOIN workstreams w ON w.id = i.workstream_id
      WHERE ${live} AND (i.indicator IS NULL OR NOT (i.indicator = ANY(${DONE}::text[])))
        AND coalesce(i.deadline, i.finish_date) BETWEEN ${today}::date AND ${weekEnd}::date
      ORDER BY coalesce(i.deadline, i.finish_date) ASC, i.item_num ASC LIMIT ${LIST_LIMIT}`,
    ),
    budgetMetricsIfAny(db, projectId),
  ]);
  if (!project) throw new DomainError("NOT_FOUND", "Project not found");
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  let none = 0;
  let total = 0;
  let drafts = 0;
  let overdueCount = 0;
  const overdueKinds = { pastDeadline: 0, lateFinish: 0, lateStart: 0 };
  for (const g of project.counts) {
    if (g.draft) {
      drafts += g.n;
      continue;
    }
    const indicator = isIndicator(g.indicator) ? g.indicator : null;
    const s = severityOf(indicator);
    if (s) counts[s] += g.n;
    else none += g.n;
    if (indicator && critical.includes(indicator)) overdueCount += g.n;
    if (indicator === "Beyond Deadline!!!") overdueKinds.pastDeadline += g.n;
    else if (indicator === "Late Finish!!") overdueKinds.lateFinish += g.n;
    else if (indicator === "Late Start!!") overdueKinds.lateStart += g.n;
    total += g.n;
  }
  const { counts: _grouped, ...info } = project;
  return {
    project: info,
    today,
    counts: { ...counts, none, total, open: total - counts.completed - counts.done, drafts },
    overdue: overdue.map((r) => ({ ...brief(r), lateSince: r.lateSince as IsoDate })),
    overdueCount,
    overdueKinds,
    dueThisWeek: dueThisWeek.map(brief),
    budget: budget
      ? {
          status: budget.budgetStatus,
          budgetTotal: budget.budgetTotal,
          burnToDate: budget.burnToDate,
          burnPct: budget.burnPct,
          budgetRemaining: budget.budgetRemaining,
          estTotalBurn: budget.estTotalBurn,
          updatesThru: budget.updatesThru,
        }
      : null,
  };
}

/**
 * The shapes the assistant's tools answer with, and the pure functions that
 * build them from item records. Shared by the model tools and offline mode.
 */
import { addDays } from "./dates";
import { isOpen, severityOf, severityRank } from "./indicators";
import type { Indicator, IsoDate, ItemRecord, ItemType, Severity } from "./types";
import type { HeatMaps, RiskBand } from "./risk-assessment";
import type { Exposure } from "./risk-exposure";
import type { ForecastResult } from "./forecast";

export type ItemBrief = {
  itemNum: number;
  type: ItemType;
  title: string;
  workstream: string | null;
  assignedTo: string | null;
  indicator: Indicator | null;
  severity: Severity | null;
  start: IsoDate | null;
  finish: IsoDate | null;
  deadline: IsoDate | null;
  /** Deadline, else finish. */
  due: IsoDate | null;
  percentComplete: number;
  priority: string | null;
  draft: boolean;
  /** First characters of the description. */
  description?: string | null;
};

export type ProjectItems = {
  projectId: string;
  projectName: string;
  /** Items matching the filter (before `limit`). */
  total: number;
  items: ItemBrief[];
  truncated: boolean;
};

export type SeverityCounts = Record<Severity | "none", number> & {
  total: number;
  open: number;
  drafts: number;
};

export type ProjectSnapshot = {
  projectId: string;
  projectName: string;
  clientName: string | null;
  asOf: IsoDate;
  counts: SeverityCounts;
  /** Open critical items (Beyond Deadline, Late Finish, Late Start). */
  overdue: ItemBrief[];
  /** Open items due from today up to 7 days ahead. */
  dueThisWeek: ItemBrief[];
  openRisks: ItemBrief[];
  budget: BudgetBrief | null;
};

export type BudgetBrief = {
  projectId: string;
  projectName: string;
  hasBudget: boolean;
  budgetStatus: "over budget" | "within 15%" | "under budget" | null;
  budgetTotal: number;
  burnToDate: number;
  burnPct: number;
  wklyAvgBurn: number;
  estTotalBurn: number;
  budgetRemaining: number;
  weeksRemaining: number;
  updatesThru: IsoDate | null;
  projEnd: IsoDate | null;
  /** The last few complete weeks (model tool only). */
  recentWeeks?: { weekEnding: IsoDate; cost: number }[];
  /** The biggest resources by cost (model tool only). */
  topResources?: { resource: string; hours: number; cost: number }[];
};

const clip = (s: string | null, n: number) =>
  s === null ? null : s.length <= n ? s : `${s.slice(0, n - 1)}…`;

export const dueOf = (i: Pick<ItemRecord, "deadline" | "finish">): IsoDate | null => i.deadline ?? i.finish;

export function toBrief(i: ItemRecord, opts: { descriptionChars?: number } = {}): ItemBrief {
  const brief: ItemBrief = {
    itemNum: i.itemNum,
    type: i.type,
    title: i.title,
    workstream: i.workstream,
    assignedTo: i.assignedTo,
    indicator: i.indicator,
    severity: severityOf(i.indicator),
    start: i.start,
    finish: i.finish,
    deadline: i.deadline,
    due: dueOf(i),
    percentComplete: i.percentComplete,
    priority: i.priority,
    draft: i.draft,
  };
  if (opts.descriptionChars) brief.description = clip(i.description, opts.descriptionChars);
  return brief;
}

/** Most urgent first, then nearest due date, then item number. */
export function byUrgency(a: ItemBrief, b: ItemBrief): number {
  return (
    severityRank(a.indicator) - severityRank(b.indicator) ||
    (a.due ?? "9999-12-31").localeCompare(b.due ?? "9999-12-31") ||
    a.itemNum - b.itemNum
  );
}

/** Nearest due date first. */
export function byDue(a: ItemBrief, b: ItemBrief): number {
  return (a.due ?? "9999-12-31").localeCompare(b.due ?? "9999-12-31") || byUrgency(a, b);
}

/** Open, non-draft items due between today and `days` days ahead (inclusive). */
export function isDueWithin(
  i: Pick<ItemRecord, "deadline" | "finish" | "indicator" | "draft">,
  today: IsoDate,
  days: number,
): boolean {
  if (i.draft || !isOpen(i.indicator)) return false;
  const d = dueOf(i);
  return d !== null && d >= today && d <= addDays(today, days);
}

/** Counts and the short lists a dashboard or status summary needs. Items carry indicators as of `asOf`. */
export function snapshotOf(
  project: { projectId: string; projectName: string; clientName: string | null },
  items: readonly ItemRecord[],
  asOf: IsoDate,
  budget: BudgetBrief | null,
): ProjectSnapshot {
  const visible = items.filter((i) => !i.draft);
  const counts: SeverityCounts = {
    critical: 0,
    warning: 0,
    active: 0,
    upcoming: 0,
    completed: 0,
    done: 0,
    none: 0,
    total: visible.length,
    open: 0,
    drafts: items.length - visible.length,
  };
  for (const i of visible) {
    counts[severityOf(i.indicator) ?? "none"] += 1;
    if (isOpen(i.indicator)) counts.open += 1;
  }
  const briefs = visible.map((i) => toBrief(i));
  return {
    ...project,
    asOf,
    counts,
    overdue: briefs.filter((b) => b.severity === "critical").sort(byDue),
    dueThisWeek: visible
      .filter((i) => isDueWithin(i, asOf, 7))
      .map((i) => toBrief(i))
      .sort(byDue),
    openRisks: briefs.filter((b) => b.type === "Risk" && isOpen(b.indicator)).sort(byUrgency),
    budget,
  };
}

/** What the `list_items` tool answers. */
export type ListItemsResult = { asOf: IsoDate; projects: ProjectItems[] };
/** What the `project_dashboard` tool answers. */
export type DashboardResult = { asOf: IsoDate; projects: ProjectSnapshot[] };
/** What the `budget_metrics` tool answers. */
export type BudgetResult = { projects: BudgetBrief[] };

// ---------------------------------------------------------------------------
// Risk and schedule tools (SPEC §13)
// ---------------------------------------------------------------------------

/** One register row as the assistant sees it. */
export type RiskBrief = {
  itemNum: number;
  type: ItemType;
  title: string;
  score: number | null;
  residualScore: number | null;
  currentScore: number | null;
  currentBand: RiskBand | null;
  open: boolean;
  indicator: Indicator | null;
  riskOwner: string | null;
  mitigation: string | null;
  costImpact: string | null;
  scheduleImpactDays: number | null;
  exposureCost: string | null;
  exposureDays: number | null;
};
/** What the `risk_register` tool answers: open risks and issues by current score, and the exposure. */
export type RiskRegisterResult = {
  projects: {
    projectId: string;
    projectName: string;
    exposure: Exposure;
    risks: RiskBrief[];
    total: number;
  }[];
};
/** What the `risk_exposure` tool answers. */
export type RiskExposureResult = {
  projects: { projectId: string; projectName: string; exposure: Exposure; heatMap: HeatMaps }[];
};
/** What the `critical_path` tool answers. */
export type CriticalPathBrief = {
  projectId: string;
  projectName: string;
  start: IsoDate | null;
  finish: IsoDate | null;
  path: { itemNum: number; title: string; es: IsoDate; ef: IsoDate }[];
  /** Scheduled items with slack (days), smallest slack first (at most 10). */
  nearCritical: { itemNum: number; title: string; slack: number }[];
  excluded: { cycle: number[]; invalidDates: number[] };
};
export type CriticalPathToolResult = { projects: CriticalPathBrief[] };
/** What the `schedule_forecast` tool answers. */
export type ForecastBrief = { projectId: string; projectName: string } & Pick<
  ForecastResult,
  "p50" | "p80" | "planFinish" | "runs" | "seed" | "explanation"
>;
export type ForecastToolResult = { projects: ForecastBrief[] };

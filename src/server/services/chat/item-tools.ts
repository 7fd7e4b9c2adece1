/** The assistant's project and item tools: list_projects, list_items, get_item, project_dashboard, budget_metrics. */
import type { z } from "zod";
import { computeIndicator, severityOf } from "@/domain/indicators";
import { applyFilters, type ItemFilter } from "@/domain/item-filter";
import {
  byUrgency,
  isDueWithin,
  snapshotOf,
  toBrief,
  type BudgetBrief,
  type BudgetResult,
  type DashboardResult,
  type ListItemsResult,
} from "@/domain/assistant-data";
import { getItem } from "../item-reads";
import { budgetMetricsIfAny } from "../budget";
import type { VisibleProject } from "./context";
import type { ZGetItemTool, ZListItemsTool, ZProjectOnly } from "./tool-inputs";
import { markUsed, projectsFor, recordsOf, singleProject, type ToolRuntime } from "./tool-runtime";

export async function listProjectsTool(rt: ToolRuntime) {
  const projects = await projectsFor(rt, undefined);
  return {
    scope: rt.scope,
    projects: projects.map((p) => ({
      projectId: p.id,
      name: p.name,
      clientName: p.clientName,
      yourRole: p.role,
    })),
  };
}

export async function listItemsTool(
  rt: ToolRuntime,
  input: z.infer<typeof ZListItemsTool>,
): Promise<ListItemsResult> {
  const projects = await projectsFor(rt, input.project_id);
  const filter: ItemFilter = {
    types: input.types,
    workstreams: input.workstreams,
    assignees: input.assignees,
    severities: input.severities,
    indicators: input.indicators,
    openOnly: input.open_only,
    criticalOnly: input.critical_only,
    search: input.search,
    includeDrafts: input.include_drafts ?? false,
  };
  const limit = input.limit ?? 50;
  const out: ListItemsResult = { asOf: rt.today, projects: [] };
  for (const p of projects) {
    let items = applyFilters(await recordsOf(rt, p.id), filter);
    if (input.due_within_days !== undefined)
      items = items.filter((i) => isDueWithin(i, rt.today, input.due_within_days!));
    const briefs = items.map((i) => toBrief(i, { descriptionChars: 200 })).sort(byUrgency);
    const shown = briefs.slice(0, limit);
    markUsed(
      rt,
      p.id,
      shown.map((b) => b.itemNum),
    );
    out.projects.push({
      projectId: p.id,
      projectName: p.name,
      total: briefs.length,
      items: shown,
      truncated: briefs.length > shown.length,
    });
  }
  return out;
}

export async function getItemTool(rt: ToolRuntime, input: z.infer<typeof ZGetItemTool>) {
  const p = await singleProject(rt, input.project_id);
  const item = await getItem(rt.chat.db, p.id, input.item_num);
  const indicator = computeIndicator(item, rt.today);
  markUsed(rt, p.id, [
    item.itemNum,
    ...item.dependsOn.map((d) => d.itemNum),
    ...item.dependents.map((d) => d.itemNum),
  ]);
  const clip = (s: string | null, n: number) => (s && s.length > n ? `${s.slice(0, n - 1)}…` : s);
  return {
    projectId: p.id,
    projectName: p.name,
    asOf: rt.today,
    item: {
      itemNum: item.itemNum,
      type: item.type,
      title: item.title,
      description: clip(item.description, 4000),
      workstream: item.workstream,
      assignedTo: item.assignedTo,
      start: item.start,
      finish: item.finish,
      deadline: item.deadline,
      duration: item.duration,
      percentComplete: item.percentComplete,
      indicator,
      severity: severityOf(indicator),
      priority: item.priority,
      draft: item.draft,
      clientVisible: item.clientVisible,
      reportCodes: item.rptOut,
      budgetAmount: item.budgetAmount,
      probability: item.probability,
      impact: item.impact,
      riskScore: item.riskScore,
      mitigation: clip(item.mitigation, 2000),
      contingency: clip(item.contingency, 2000),
      riskOwner: item.riskOwner,
      updatedAt: item.updatedAt.toISOString(),
    },
    notes: item.notes
      .slice(0, 20)
      .map((n) => ({ date: n.date, author: n.author, content: clip(n.content, 1000) })),
    notesTotal: item.notes.length,
    dependsOn: item.dependsOn,
    dependents: item.dependents,
  };
}

async function budgetBrief(rt: ToolRuntime, p: VisibleProject, details: boolean): Promise<BudgetBrief> {
  const empty: BudgetBrief = {
    projectId: p.id,
    projectName: p.name,
    hasBudget: false,
    budgetStatus: null,
    budgetTotal: 0,
    burnToDate: 0,
    burnPct: 0,
    wklyAvgBurn: 0,
    estTotalBurn: 0,
    budgetRemaining: 0,
    weeksRemaining: 0,
    updatesThru: null,
    projEnd: null,
  };
  const m = await budgetMetricsIfAny(rt.chat.db, p.id);
  if (!m) return empty;
  return {
    ...empty,
    hasBudget: true,
    budgetStatus: m.budgetStatus,
    budgetTotal: m.budgetTotal,
    burnToDate: m.burnToDate,
    burnPct: m.burnPct,
    wklyAvgBurn: m.wklyAvgBurn,
    estTotalBurn: m.estTotalBurn,
    budgetRemaining: m.budgetRemaining,
    weeksRemaining: m.weeksRemaining,
    updatesThru: m.updatesThru,
    projEnd: m.projEnd,
    ...(details
      ? {
          recentWeeks: m.weeklyBurn.slice(-6).map((w) => ({ weekEnding: w.weekEnding, cost: w.cost })),
          topResources: m.resourceBurn
            .slice(0, 8)
            .map((r) => ({ resource: r.resource, hours: r.hours, cost: r.cost })),
        }
      : {}),
  };
}

export async function dashboardTool(
  rt: ToolRuntime,
  input: z.infer<typeof ZProjectOnly>,
): Promise<DashboardResult> {
  const projects = await projectsFor(rt, input.project_id);
  const out: DashboardResult = { asOf: rt.today, projects: [] };
  for (const p of projects) {
    const snap = snapshotOf(
      { projectId: p.id, projectName: p.name, clientName: p.clientName },
      await recordsOf(rt, p.id),
      rt.today,
      await budgetBrief(rt, p, false),
    );
    markUsed(
      rt,
      p.id,
      [...snap.overdue, ...snap.dueThisWeek, ...snap.openRisks].map((i) => i.itemNum),
    );
    out.projects.push(snap);
  }
  return out;
}

export async function budgetTool(
  rt: ToolRuntime,
  input: z.infer<typeof ZProjectOnly>,
): Promise<BudgetResult> {
  const projects = await projectsFor(rt, input.project_id);
  const out: BudgetResult = { projects: [] };
  for (const p of projects) {
    out.projects.push(await budgetBrief(rt, p, true));
    markUsed(rt, p.id);
  }
  return out;
}

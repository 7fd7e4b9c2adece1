/**
 * The assistant's tools: the only way the model (and offline mode) reads
 * data. Every call runs with the caller's permissions in the caller's org
 * database (`ChatCtx.db`), re-checks project visibility, and stays inside the
 * scope the server decided from the user's message:
 *
 * - scope "project": only the session's project; any other project id answers
 *   OUT_OF_SCOPE when the user can see it, NOT_FOUND when they cannot.
 * - scope "all": every project the user can access in this org.
 *
 * Unseen projects or items (other orgs' too) are NOT_FOUND, as in the API. `portfolio_rollup`
 * (only for all-projects questions in orgs with portfolios) shows only visible member projects.
 */
import { z } from "zod";
import type { Tool } from "@anthropic-ai/sdk/resources/messages";
import { DomainError } from "@/domain/errors";
import { computeIndicator, severityOf } from "@/domain/indicators";
import { applyFilters, type ItemFilter } from "@/domain/item-filter";
import {
  byUrgency,
  isDueWithin,
  snapshotOf,
  toBrief,
  type BudgetBrief,
  type BudgetResult,
  type CriticalPathToolResult,
  type DashboardResult,
  type ForecastToolResult,
  type ListItemsResult,
  type RiskBrief,
  type RiskExposureResult,
  type RiskRegisterResult,
} from "@/domain/assistant-data";
import { buildRiskRegister } from "@/domain/risk";
import { criticalPath } from "@/domain/critical-path";
import { projectForecast, registerInput } from "../risk-schedule";
import type { ChatScope } from "@/domain/assistant";
import { INDICATORS, ITEM_TYPES, SEVERITIES, type IsoDate, type ItemRecord } from "@/domain/types";
import { loadProjectRecords } from "../records";
import { getItem } from "../item-reads";
import { budgetMetricsIfAny } from "../budget";
import { listPortfolios, portfolioDashboard } from "../portfolios";
import { accessibleProjects, isUuid, visibleProject, type ChatCtx, type VisibleProject } from "./context";
import { STATUS_REPORT_TOOL } from "./report-tool";

export type ToolErrorCode = "NOT_FOUND" | "OUT_OF_SCOPE" | "INVALID" | "FAILED";
export type ToolOutcome =
  { ok: true; data: unknown } | { ok: false; error: { code: ToolErrorCode; message: string } };

/** Per-turn state: who asks, how wide, as of when, and what the tools touched. */
export type ToolRuntime = {
  chat: ChatCtx;
  scope: ChatScope;
  /** The session's project (null for org-wide sessions, whose scope is always "all"). */
  sessionProjectId: string | null;
  today: IsoDate;
  used: { projectIds: Set<string>; itemNums: Set<number>; tools: string[] };
  records?: Map<string, Promise<ItemRecord[]>>;
};

export function newRuntime(opts: Omit<ToolRuntime, "used" | "records">): ToolRuntime {
  return { ...opts, used: { projectIds: new Set(), itemNums: new Set(), tools: [] } };
}

class ToolError extends Error {
  constructor(
    readonly code: ToolErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const projectIdField = z
  .string()
  .max(100)
  .describe("Project id (from list_projects). Leave out to use the projects in scope for this question.")
  .optional();

const ZListItemsTool = z.object({
  project_id: projectIdField,
  types: z.array(z.enum(ITEM_TYPES)).optional().describe("Item types to include"),
  workstreams: z
    .array(z.string().max(100))
    .max(50)
    .optional()
    .describe("Workstream names (case-insensitive)"),
  assignees: z
    .array(z.string().max(200))
    .max(50)
    .optional()
    .describe("Assignee names, exactly as stored (case-insensitive)"),
  severities: z
    .array(z.enum(SEVERITIES))
    .optional()
    .describe("Indicator severities: critical, warning, active, upcoming, completed, done"),
  indicators: z.array(z.enum(INDICATORS)).optional().describe("Exact status indicators"),
  open_only: z.boolean().optional().describe("Leave out Completed and Completed Recently items"),
  critical_only: z
    .boolean()
    .optional()
    .describe("Only Beyond Deadline!!!, Late Finish!! and Late Start!! items (overdue / late)"),
  search: z.string().max(200).optional().describe("Words that must all occur in the title or description"),
  due_within_days: z
    .number()
    .int()
    .min(0)
    .max(366)
    .optional()
    .describe("Only open items due (deadline, else finish) from today up to this many days ahead"),
  include_drafts: z.boolean().optional().describe("Include draft items (default false)"),
  limit: z
    .number()
    .int()
    .min(1)
    .max(500)
    .optional()
    .describe("Most items per project to return (default 50)"),
});

const ZGetItemTool = z.object({
  project_id: projectIdField,
  item_num: z.number().int().positive().describe("The item number, as cited with #N"),
});

const ZProjectOnly = z.object({ project_id: projectIdField });
const ZPortfolioTool = z.object({
  portfolio_id: z
    .string()
    .max(100)
    .optional()
    .describe("Portfolio id (from a call without it). Leave out to list the portfolios."),
});
const ZNoInput = z.object({});
const ZRiskRegisterTool = z.object({
  project_id: projectIdField,
  open_only: z
    .boolean()
    .optional()
    .describe("Only open risks (default true); false includes closed and draft ones and Issues"),
  limit: z.number().int().min(1).max(200).optional().describe("Most rows per project (default 25)"),
});
const ZForecastTool = z.object({
  project_id: projectIdField,
  seed: z
    .number()
    .int()
    .min(0)
    .max(4294967295)
    .optional()
    .describe("Random seed (default 1); the same seed gives the same answer"),
  runs: z.number().int().min(100).max(5000).optional().describe("Simulation runs (default 2000)"),
});

type ToolSpec = {
  description: string;
  schema: z.ZodObject;
  run: (rt: ToolRuntime, input: never) => Promise<unknown>;
};

const TOOLS = {
  list_projects: {
    description:
      "List the projects available for this question (the current project only, unless the user asked about all their projects). Returns id, name, client and the user's role.",
    schema: ZNoInput,
    run: listProjectsTool,
  },
  list_items: {
    description:
      "List or search RAID items (risks, action items, issues, decisions, deliverables, plan items, budget items) with filters. Indicators are computed as of today. Sorted most urgent first.",
    schema: ZListItemsTool,
    run: listItemsTool,
  },
  get_item: {
    description: "Get one item by number with its full description, notes (newest first) and dependencies.",
    schema: ZGetItemTool,
    run: getItemTool,
  },
  project_dashboard: {
    description:
      "Project dashboard: counts by severity, overdue/late items, items due in the next 7 days, open risks and budget status.",
    schema: ZProjectOnly,
    run: dashboardTool,
  },
  budget_metrics: {
    description:
      "Budget metrics: total, burn to date, burn %, weekly average burn, estimated total, remaining, status (over budget / within 15% / under budget), recent weeks and top resources.",
    schema: ZProjectOnly,
    run: budgetTool,
  },
  risk_register: {
    description:
      "Risk register: risks and issues by current score (residual P×I where set, else inherent), with band, owner, mitigation, cost and schedule impact and expected exposure; plus the project's exposure (money and days) and worst risk.",
    schema: ZRiskRegisterTool,
    run: riskRegisterTool,
  },
  risk_exposure: {
    description:
      "Risk exposure: Σ likelihood × cost impact and × schedule-impact days over open risks, the worst risk, and the inherent and residual 5×5 heat maps (heatMap.inherent[p-1][i-1] counts open risks).",
    schema: ZProjectOnly,
    run: riskExposureTool,
  },
  critical_path: {
    description:
      "Critical path (CPM over dated, non-draft items and their finish-to-start dependencies): the items on it with early start/finish, the project finish, and the items with least slack.",
    schema: ZProjectOnly,
    run: criticalPathTool,
  },
  schedule_forecast: {
    description:
      "Forecast finish: P50 and P80 dates by Monte Carlo over open work, using the slip of finished items, with the plan finish and a plain-words explanation.",
    schema: ZForecastTool,
    run: forecastTool,
  },
  portfolio_rollup: {
    description:
      "Portfolios (groups of projects): without portfolio_id, list them; with it, the roll-up — counts by severity and budget totals over its member projects, with a line per project.",
    schema: ZPortfolioTool,
    run: portfolioTool,
  },
  status_report: STATUS_REPORT_TOOL,
} satisfies Record<string, ToolSpec>;

export type ToolName = keyof typeof TOOLS;
export const TOOL_NAMES = Object.keys(TOOLS) as ToolName[];

function definition(name: ToolName): Tool {
  const { $schema: _s, ...schema } = z.toJSONSchema(TOOLS[name].schema, { io: "input" }) as Record<
    string,
    unknown
  >;
  return {
    name,
    description: TOOLS[name].description,
    input_schema: { ...schema, type: "object" } as Tool["input_schema"],
  };
}

/** Tool definitions for the Messages API (every tool). */
export const TOOL_DEFINITIONS: Tool[] = TOOL_NAMES.map(definition);

/** The tools offered for one question: portfolio roll-ups only when widened and the org has portfolios. */
export async function toolsFor(rt: ToolRuntime): Promise<Tool[]> {
  const portfolios =
    rt.scope === "all" ? await rt.chat.db.portfolio.count({ where: { deletedAt: null } }) : 0;
  return TOOL_DEFINITIONS.filter((t) => t.name !== "portfolio_rollup" || portfolios > 0);
}

/** Models sometimes send `null` for "not set"; treat it as absent. */
function dropNulls(input: unknown): unknown {
  if (!input || typeof input !== "object" || Array.isArray(input)) return input ?? {};
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== null));
}

/** Runs one tool call. Never throws: problems come back as a tool error the model can read. */
export async function runTool(rt: ToolRuntime, name: string, rawInput: unknown): Promise<ToolOutcome> {
  const spec = (TOOLS as Record<string, ToolSpec>)[name];
  if (!spec) return { ok: false, error: { code: "INVALID", message: `Unknown tool "${name}"` } };
  if (!rt.used.tools.includes(name)) rt.used.tools.push(name);
  const parsed = spec.schema.safeParse(dropNulls(rawInput));
  if (!parsed.success) {
    const msg = parsed.error.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("; ");
    return { ok: false, error: { code: "INVALID", message: msg } };
  }
  try {
    return { ok: true, data: await spec.run(rt, parsed.data as never) };
  } catch (err) {
    if (err instanceof ToolError) return { ok: false, error: { code: err.code, message: err.message } };
    if (err instanceof DomainError && err.code === "NOT_FOUND") {
      return { ok: false, error: { code: "NOT_FOUND", message: err.message } };
    }
    rt.chat.log?.error({ err, tool: name }, "assistant tool failed");
    return {
      ok: false,
      error: { code: "FAILED", message: "The tool failed; try again or ask differently." },
    };
  }
}

/** The projects one call may read, checked now. */
async function projectsFor(rt: ToolRuntime, projectId: string | undefined): Promise<VisibleProject[]> {
  if (projectId !== undefined && projectId.trim() !== "") {
    const p = await visibleProject(rt.chat, projectId.trim());
    if (!p) throw new ToolError("NOT_FOUND", "Project not found");
    if (rt.scope === "project" && p.id !== rt.sessionProjectId) {
      throw new ToolError(
        "OUT_OF_SCOPE",
        'This question is limited to the current project. The user can ask "across all my projects" to include others.',
      );
    }
    return [p];
  }
  if (rt.scope === "project") {
    const p = rt.sessionProjectId ? await visibleProject(rt.chat, rt.sessionProjectId) : null;
    if (!p) throw new ToolError("NOT_FOUND", "Project not found");
    return [p];
  }
  return accessibleProjects(rt.chat);
}

async function singleProject(rt: ToolRuntime, projectId: string | undefined): Promise<VisibleProject> {
  const projects = await projectsFor(rt, projectId);
  if (projects.length !== 1) {
    throw new ToolError("INVALID", "Several projects are in scope: pass project_id (see list_projects).");
  }
  return projects[0]!;
}

/** The project's items with indicators computed as of the turn's date (stored data is not changed). */
function recordsOf(rt: ToolRuntime, projectId: string): Promise<ItemRecord[]> {
  rt.records ??= new Map();
  let p = rt.records.get(projectId);
  if (!p) {
    p = loadProjectRecords(rt.chat.db, projectId, { withNotes: false }).then(({ items }) =>
      items.map(({ updatedAt: _u, ...i }) => ({ ...i, indicator: computeIndicator(i, rt.today) })),
    );
    rt.records.set(projectId, p);
  }
  return p;
}

function markUsed(rt: ToolRuntime, projectId: string, itemNums: Iterable<number> = []) {
  rt.used.projectIds.add(projectId);
  for (const n of itemNums) rt.used.itemNums.add(n);
}

async function listProjectsTool(rt: ToolRuntime) {
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

async function listItemsTool(
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

async function getItemTool(rt: ToolRuntime, input: z.infer<typeof ZGetItemTool>) {
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

async function dashboardTool(rt: ToolRuntime, input: z.infer<typeof ZProjectOnly>): Promise<DashboardResult> {
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

async function budgetTool(rt: ToolRuntime, input: z.infer<typeof ZProjectOnly>): Promise<BudgetResult> {
  const projects = await projectsFor(rt, input.project_id);
  const out: BudgetResult = { projects: [] };
  for (const p of projects) {
    out.projects.push(await budgetBrief(rt, p, true));
    markUsed(rt, p.id);
  }
  return out;
}

async function riskRegisterTool(
  rt: ToolRuntime,
  input: z.infer<typeof ZRiskRegisterTool>,
): Promise<RiskRegisterResult> {
  const projects = await projectsFor(rt, input.project_id);
  const out: RiskRegisterResult = { projects: [] };
  for (const p of projects) {
    const reg = buildRiskRegister((await recordsOf(rt, p.id)).map(registerInput));
    const rows =
      input.open_only === false
        ? reg.risks
        : reg.risks.filter(
            (r) =>
              r.open ||
              (r.type === "Issue" &&
                !r.draft &&
                r.indicator !== "Completed" &&
                r.indicator !== "Completed Recently"),
          );
    const risks: RiskBrief[] = rows.slice(0, input.limit ?? 25).map((r) => ({
      itemNum: r.itemNum,
      type: r.type,
      title: r.title,
      score: r.score,
      residualScore: r.residualScore,
      currentScore: r.currentScore,
      currentBand: r.currentBand,
      open: r.open,
      indicator: r.indicator,
      riskOwner: r.riskOwner,
      mitigation: r.mitigation,
      costImpact: r.costImpact,
      scheduleImpactDays: r.scheduleImpactDays,
      exposureCost: r.exposureCost,
      exposureDays: r.exposureDays,
    }));
    markUsed(
      rt,
      p.id,
      risks.map((r) => r.itemNum),
    );
    out.projects.push({
      projectId: p.id,
      projectName: p.name,
      exposure: reg.exposure,
      risks,
      total: rows.length,
    });
  }
  return out;
}

async function riskExposureTool(
  rt: ToolRuntime,
  input: z.infer<typeof ZProjectOnly>,
): Promise<RiskExposureResult> {
  const projects = await projectsFor(rt, input.project_id);
  const out: RiskExposureResult = { projects: [] };
  for (const p of projects) {
    const reg = buildRiskRegister((await recordsOf(rt, p.id)).map(registerInput));
    markUsed(rt, p.id, reg.exposure.worst ? [reg.exposure.worst.itemNum] : []);
    out.projects.push({ projectId: p.id, projectName: p.name, exposure: reg.exposure, heatMap: reg.heatMap });
  }
  return out;
}

async function criticalPathTool(
  rt: ToolRuntime,
  input: z.infer<typeof ZProjectOnly>,
): Promise<CriticalPathToolResult> {
  const projects = await projectsFor(rt, input.project_id);
  const out: CriticalPathToolResult = { projects: [] };
  for (const p of projects) {
    const items = await recordsOf(rt, p.id);
    const title = new Map(items.map((i) => [i.itemNum, i.title]));
    const cp = criticalPath(items);
    const at = new Map(cp.items.map((i) => [i.itemNum, i]));
    const path = cp.path.map((n) => ({
      itemNum: n,
      title: title.get(n) ?? "",
      es: at.get(n)!.es,
      ef: at.get(n)!.ef,
    }));
    const nearCritical = cp.items
      .filter((i) => i.slack > 0)
      .sort((a, b) => a.slack - b.slack || a.itemNum - b.itemNum)
      .slice(0, 10)
      .map((i) => ({ itemNum: i.itemNum, title: title.get(i.itemNum) ?? "", slack: i.slack }));
    markUsed(rt, p.id, [...cp.path, ...nearCritical.map((i) => i.itemNum)]);
    out.projects.push({
      projectId: p.id,
      projectName: p.name,
      start: cp.start,
      finish: cp.finish,
      path,
      nearCritical,
      excluded: cp.excluded,
    });
  }
  return out;
}

async function forecastTool(
  rt: ToolRuntime,
  input: z.infer<typeof ZForecastTool>,
): Promise<ForecastToolResult> {
  const projects = await projectsFor(rt, input.project_id);
  const out: ForecastToolResult = { projects: [] };
  for (const p of projects) {
    const f = await projectForecast(rt.chat.db, p.id, {
      seed: input.seed,
      runs: input.runs,
      today: rt.today,
    });
    markUsed(rt, p.id);
    out.projects.push({
      projectId: p.id,
      projectName: p.name,
      p50: f.p50,
      p80: f.p80,
      planFinish: f.planFinish,
      runs: f.runs,
      seed: f.seed,
      explanation: f.explanation,
    });
  }
  return out;
}

async function portfolioTool(rt: ToolRuntime, input: z.infer<typeof ZPortfolioTool>) {
  if (rt.scope !== "all") {
    throw new ToolError(
      "OUT_OF_SCOPE",
      'Portfolios span several projects; the user can ask "across all my projects" to include them.',
    );
  }
  const visible = new Set((await accessibleProjects(rt.chat)).map((p) => p.id));
  if (input.portfolio_id === undefined || input.portfolio_id.trim() === "") {
    // A portfolio whose member projects the caller cannot see is left out altogether.
    const all = (await listPortfolios(rt.chat.db, visible)).filter((p) => p.projectIds.length > 0);
    return {
      portfolios: all.map((p) => ({
        portfolioId: p.id,
        name: p.name,
        description: p.description,
        projectCount: p.projectIds.length,
      })),
    };
  }
  const id = input.portfolio_id.trim();
  if (!isUuid(id)) throw new ToolError("NOT_FOUND", "Portfolio not found");
  const dash = await portfolioDashboard(rt.chat.db, id, visible);
  if (!dash.portfolio.projectIds.length) throw new ToolError("NOT_FOUND", "Portfolio not found");
  for (const p of dash.projects) markUsed(rt, p.id);
  return {
    portfolioId: dash.portfolio.id,
    name: dash.portfolio.name,
    description: dash.portfolio.description,
    counts: dash.counts,
    budget: dash.budget,
    projects: dash.projects.map((p) => ({
      projectId: p.id,
      name: p.name,
      clientName: p.clientName,
      counts: p.counts,
      budget: p.budget,
    })),
  };
}

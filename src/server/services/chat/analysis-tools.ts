/** The assistant's risk, schedule and portfolio tools: risk_register, risk_exposure, critical_path, schedule_forecast, portfolio_rollup. */
import type { z } from "zod";
import type {
  CriticalPathToolResult,
  ForecastToolResult,
  RiskBrief,
  RiskExposureResult,
  RiskRegisterResult,
} from "@/domain/assistant-data";
import { buildRiskRegister } from "@/domain/risk";
import { criticalPath } from "@/domain/critical-path";
import { projectForecast, registerInput } from "../risk-schedule";
import { listPortfolios, portfolioDashboard } from "../portfolios";
import { accessibleProjects, isUuid } from "./context";
import type { ZForecastTool, ZPortfolioTool, ZProjectOnly, ZRiskRegisterTool } from "./tool-inputs";
import { markUsed, projectsFor, recordsOf, ToolError, type ToolRuntime } from "./tool-runtime";

export async function riskRegisterTool(
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

export async function riskExposureTool(
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

export async function criticalPathTool(
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

export async function forecastTool(
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

export async function portfolioTool(rt: ToolRuntime, input: z.infer<typeof ZPortfolioTool>) {
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

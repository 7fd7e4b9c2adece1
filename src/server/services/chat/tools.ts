/**
 * The assistant's tool registry: names, descriptions and input schemas sent
 * to the model, and `runTool`, which checks a call's input and runs it. The
 * tools themselves are in item-tools.ts, analysis-tools.ts and report-tool.ts;
 * scope checks and per-turn state in tool-runtime.ts.
 */
import { z } from "zod";
import type { ChatTool } from "./provider";
import { DomainError } from "@/domain/errors";
import {
  ZForecastTool,
  ZGetItemTool,
  ZListItemsTool,
  ZNoInput,
  ZPortfolioTool,
  ZProjectOnly,
  ZRiskRegisterTool,
} from "./tool-inputs";
import { ToolError, type ToolOutcome, type ToolRuntime } from "./tool-runtime";
import { budgetTool, dashboardTool, getItemTool, listItemsTool, listProjectsTool } from "./item-tools";
import {
  criticalPathTool,
  forecastTool,
  portfolioTool,
  riskExposureTool,
  riskRegisterTool,
} from "./analysis-tools";
import { CHANGES_TOOL, STATUS_REPORT_TOOL } from "./report-tool";

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
  changes_since: CHANGES_TOOL,
} satisfies Record<string, ToolSpec>;

export type ToolName = keyof typeof TOOLS;
export const TOOL_NAMES = Object.keys(TOOLS) as ToolName[];

function definition(name: ToolName): ChatTool {
  const { $schema: _s, ...schema } = z.toJSONSchema(TOOLS[name].schema, { io: "input" }) as Record<
    string,
    unknown
  >;
  return {
    name,
    description: TOOLS[name].description,
    input_schema: { ...schema, type: "object" } as ChatTool["input_schema"],
  };
}

/** Tool definitions for the model (every tool; provider-neutral, see provider.ts). */
export const TOOL_DEFINITIONS: ChatTool[] = TOOL_NAMES.map(definition);

/** The tools offered for one question: portfolio roll-ups only when widened and the org has portfolios. */
export async function toolsFor(rt: ToolRuntime): Promise<ChatTool[]> {
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

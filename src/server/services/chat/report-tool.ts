/**
 * The assistant's `status_report` and `changes_since` tools and their offline
 * answers: the weekly status report of one project, and what changed in it
 * since a date or baseline (the md-changes export) (src/server/services/status-report.ts), read
 * with the caller's permissions and inside the turn's scope — the session's
 * project, or (for "across all my projects") any project the caller can see.
 */
import { z } from "zod";
import { DomainError } from "@/domain/errors";
import { OFFLINE_LABEL } from "@/domain/assistant-offline-answer";
import { extractItemRefs } from "@/domain/assistant";
import { ZIsoDate } from "@/contracts/common";
import { statusReport } from "../status-report";
import { changesReport } from "../risk-schedule";
import { addDays } from "@/domain/dates";
import type { IsoDate } from "@/domain/types";
import { visibleProject } from "./context";
import type { ToolRuntime } from "./tool-runtime";

/** The project a tool call names (default: the session's), if the caller sees it and the turn's scope allows it. */
async function toolProject(rt: ToolRuntime, projectId: string | undefined) {
  const id = projectId?.trim() || rt.sessionProjectId;
  if (!id) throw new DomainError("NOT_FOUND", "Pass project_id: this conversation has no current project");
  const p = await visibleProject(rt.chat, id);
  if (!p) throw new DomainError("NOT_FOUND", "Project not found");
  if (rt.scope === "project" && p.id !== rt.sessionProjectId)
    throw new DomainError("NOT_FOUND", "This question is limited to the current project");
  return p;
}

const ZStatusReportTool = z.object({
  project_id: z.string().max(64).optional().describe("Project id (default: the current project)"),
  as_of: ZIsoDate.optional().describe(
    "Report date YYYY-MM-DD (default: today); covers the 7 days ending then",
  ),
});

async function reportFor(rt: ToolRuntime, input: z.infer<typeof ZStatusReportTool>) {
  const p = await toolProject(rt, input.project_id);
  const { markdown } = await statusReport(rt.chat.db, p.id, input.as_of ?? rt.today);
  rt.used.projectIds.add(p.id);
  for (const n of extractItemRefs(markdown)) rt.used.itemNums.add(n);
  return { projectId: p.id, markdown };
}

export const STATUS_REPORT_TOOL = {
  description:
    "The project's weekly status report as Markdown: figures (open, overdue, due next week, open risks, counts by indicator and type), what changed in the last 7 days (created, closed, updated), top risks by score, overdue items, what is due next week and the budget. Use it when asked for a status report or this week's status; add a short narrative on top.",
  schema: ZStatusReportTool,
  run: reportFor,
};

/** Offline mode's answer to "status report" / "write this week's status". */
export async function offlineStatusReport(rt: ToolRuntime): Promise<string> {
  rt.used.tools.push("status_report");
  try {
    const { markdown } = await reportFor(rt, {});
    return `${OFFLINE_LABEL} — the AI model is not configured, so this report comes straight from your data.\n\n${markdown}`;
  } catch (err) {
    if (err instanceof DomainError)
      return `${OFFLINE_LABEL} — ${err.message}. Open a project's assistant to get its status report.`;
    throw err;
  }
}

const ZChangesTool = z.object({
  project_id: z.string().max(64).optional().describe("Project id (default: the current project)"),
  since: ZIsoDate.optional().describe("Report changes from this date (YYYY-MM-DD) on; default: 7 days ago"),
  baseline_id: z.uuid().optional().describe("…or since this baseline was taken (and compared with it)"),
});

async function changesFor(rt: ToolRuntime, input: z.infer<typeof ZChangesTool>) {
  const p = await toolProject(rt, input.project_id);
  const since = input.baseline_id ? undefined : (input.since ?? addDays(rt.today, -7));
  const report = await changesReport(rt.chat.db, p.id, {
    since,
    baselineId: input.baseline_id,
    today: rt.today,
  });
  // In a chat answer item numbers are written #N, which the drawer links to the item.
  const markdown = report.content.replace(/^\| (\d+) \|/gm, "| #$1 |");
  rt.used.projectIds.add(p.id);
  for (const n of extractItemRefs(markdown)) rt.used.itemNums.add(n);
  return { projectId: p.id, since: since ?? null, markdown };
}

export const CHANGES_TOOL = {
  description:
    "What changed in the project since a date or a baseline, from the audit log, as Markdown: items created, closed and updated, indicator changes, and (since a baseline) what slipped or was pulled in. Use it for 'what changed since Monday / this month / since baseline X'; cite items as #N.",
  schema: ZChangesTool,
  run: changesFor,
};

/** Offline mode's answer to "what changed since …?". */
export async function offlineChanges(rt: ToolRuntime, since: IsoDate): Promise<string> {
  rt.used.tools.push("changes_since");
  try {
    const { markdown } = await changesFor(rt, { since });
    return `${OFFLINE_LABEL} — the AI model is not configured, so this comes straight from the audit log.\n\n${markdown}`;
  } catch (err) {
    if (err instanceof DomainError)
      return `${OFFLINE_LABEL} — ${err.message}. Open a project's assistant to see what changed in it.`;
    throw err;
  }
}

/**
 * The assistant's `status_report` tool and its offline answer: the weekly
 * status report of one project (src/server/services/status-report.ts), read
 * with the caller's permissions and inside the turn's scope — the session's
 * project, or (for "across all my projects") any project the caller can see.
 */
import { z } from "zod";
import { DomainError } from "@/domain/errors";
import { OFFLINE_LABEL } from "@/domain/assistant-offline-answer";
import { extractItemRefs } from "@/domain/assistant";
import { ZIsoDate } from "@/contracts/common";
import { statusReport } from "../status-report";
import { visibleProject } from "./context";
import type { ToolRuntime } from "./tool-runtime";

const ZStatusReportTool = z.object({
  project_id: z.string().max(64).optional().describe("Project id (default: the current project)"),
  as_of: ZIsoDate.optional().describe(
    "Report date YYYY-MM-DD (default: today); covers the 7 days ending then",
  ),
});

async function reportFor(rt: ToolRuntime, input: z.infer<typeof ZStatusReportTool>) {
  const id = input.project_id?.trim() || rt.sessionProjectId;
  if (!id) throw new DomainError("NOT_FOUND", "Pass project_id: this conversation has no current project");
  const p = await visibleProject(rt.chat, id);
  if (!p) throw new DomainError("NOT_FOUND", "Project not found");
  if (rt.scope === "project" && p.id !== rt.sessionProjectId)
    throw new DomainError("NOT_FOUND", "This question is limited to the current project");
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

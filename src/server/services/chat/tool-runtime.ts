/**
 * The assistant's tools' runtime: per-turn state, tool errors, and the scope
 * checks every tool goes through. Tools are the only way the model (and offline mode) reads
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
import { computeIndicator } from "@/domain/indicators";
import type { ChatScope } from "@/domain/assistant";
import type { IsoDate, ItemRecord } from "@/domain/types";
import { loadProjectRecords } from "../records";
import { accessibleProjects, visibleProject, type ChatCtx, type VisibleProject } from "./context";

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

export class ToolError extends Error {
  constructor(
    readonly code: ToolErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The projects one call may read, checked now. */
export async function projectsFor(rt: ToolRuntime, projectId: string | undefined): Promise<VisibleProject[]> {
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

export async function singleProject(rt: ToolRuntime, projectId: string | undefined): Promise<VisibleProject> {
  const projects = await projectsFor(rt, projectId);
  if (projects.length !== 1) {
    throw new ToolError("INVALID", "Several projects are in scope: pass project_id (see list_projects).");
  }
  return projects[0]!;
}

/** The project's items with indicators computed as of the turn's date (stored data is not changed). */
export function recordsOf(rt: ToolRuntime, projectId: string): Promise<ItemRecord[]> {
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

export function markUsed(rt: ToolRuntime, projectId: string, itemNums: Iterable<number> = []) {
  rt.used.projectIds.add(projectId);
  for (const n of itemNums) rt.used.itemNums.add(n);
}

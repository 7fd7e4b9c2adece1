/**
 * Which cached answers a change makes stale — declared once, for every
 * mutation, instead of an `invalidate()` call after each one.
 *
 * The query client's MutationCache applies `staleAfter` to every tRPC
 * mutation that succeeds (and to one refused with CONFLICT or NOT_FOUND:
 * the server's copy moved under us). Callers that send a change outside a
 * `useMutation` (the offline queue, quick edits with their own optimistic
 * rows) call `refreshAfter` with the mutation's name. Live updates from other
 * people's changes are a separate path (src/trpc/live.ts).
 *
 * The rule, in words:
 * - a change makes its own router's answers stale, within its org and project;
 * - a change to a project's log (items, workstreams, budget, members, imports,
 *   attachments, applied assistant proposals) also makes every project-shaped
 *   answer of that project stale — lists, dashboard, timeline, risk register,
 *   budget, baselines' comparisons, portfolios, search, the audit log — and the
 *   org-level ones that count its items (project.list, portfolio dashboards);
 * - a few changes reach a neighbour router, listed in ALSO;
 * - previews, connection tests and upload tickets change nothing.
 *
 * "Within its org and project": a cached answer whose input names another org
 * or another project is left alone; one whose input names neither (user.me,
 * org.list) is stale whenever its router is.
 */

/** What a mutation makes stale: every query under `path` ("item", "project.list") whose input fits `scope`. */
export type StaleTarget = { path: string; scope: StaleScope };
export type StaleScope = { orgSlug?: string; projectId?: string };

/** Routers whose answers are computed from a project's log. */
const PROJECT_VIEWS = [
  "item",
  "project",
  "budget",
  "baseline",
  "portfolio",
  "search",
  "audit",
  "attachment",
] as const;

/** Changes to a project's log beyond the item, project and budget routers. */
const LOG_CHANGES = new Set(["chat.applyProposals", "attachment.completeUpload", "attachment.delete"]);

/** Calls that store nothing: a preview, a connection test, an upload ticket, a draft. */
const CHANGES_NOTHING = new Set([
  "project.importPreview",
  "project.importTablePreview",
  "budget.timesheet.previewCsv",
  "org.testAiSettings",
  "org.sso.test",
  "org.sso.startLink",
  "attachment.startUpload",
  "chat.proposeFromNotes",
  "user.resendVerification",
  "auth.requestPasswordReset",
]);

/** Neighbours a change reaches (besides its own router), by mutation or by router. */
const ALSO: Record<string, readonly string[]> = {
  // The assistant's availability and daily budget follow the org's model settings.
  "org.setAiSettings": ["chat.info"],
  // Accepting an invitation adds an org to the switcher; both sides of the invitation list.
  "user.acceptInvitation": ["org.list"],
  "auth.acceptInvitation": ["org.list", "user.invitations"],
  "auth.declineInvitation": ["user.invitations"],
  // Org membership decides who appears in project member lists and assignee pickers.
  "org.addMember": ["project.members"],
  "org.setMemberRole": ["project.members", "project.get"],
  "org.removeMember": ["project.members"],
  "org.transferOwnership": ["project.members"],
  // A new display name shows in member lists.
  "user.updateProfile": ["org.members", "project.members"],
  // Deleting an org or a project removes what everything else lists.
  "org.delete": ["project", "portfolio", "user.invitations"],
  // Snapshots feed the timeline's comparison.
  baseline: ["project.timeline"],
};

const routerOf = (path: string) => path.split(".")[0] ?? path;

function scopeOf(input: unknown): StaleScope {
  if (!input || typeof input !== "object") return {};
  const { orgSlug, projectId } = input as Record<string, unknown>;
  return {
    ...(typeof orgSlug === "string" ? { orgSlug } : {}),
    ...(typeof projectId === "string" ? { projectId } : {}),
  };
}

/** Whether a mutation changes a project's log (and so every view of that project). */
export function changesProjectLog(mutation: string): boolean {
  const router = routerOf(mutation);
  return (
    !CHANGES_NOTHING.has(mutation) &&
    (router === "item" || router === "project" || router === "budget" || LOG_CHANGES.has(mutation))
  );
}

/** The cached answers `mutation` (a procedure path such as "item.update") makes stale when called with `input`. */
export function staleAfter(mutation: string, input: unknown): StaleTarget[] {
  if (CHANGES_NOTHING.has(mutation)) return [];
  const scope = scopeOf(input);
  const router = routerOf(mutation);
  const paths = new Set<string>([router]);
  if (changesProjectLog(mutation)) for (const view of PROJECT_VIEWS) paths.add(view);
  for (const path of [...(ALSO[mutation] ?? []), ...(ALSO[router] ?? [])]) paths.add(path);
  // Keep only the widest path: "project" already covers "project.members".
  const all = [...paths];
  const widest = all.filter((p) => !all.some((q) => q !== p && p.startsWith(`${q}.`)));
  return widest.map((path) => ({ path, scope }));
}

/** Whether a cached query (its procedure path and input) is one of `targets`. */
export function isStale(
  targets: readonly StaleTarget[],
  queryPath: readonly string[],
  queryInput: unknown,
): boolean {
  const path = queryPath.join(".");
  const input = scopeOf(queryInput);
  return targets.some(
    (t) =>
      (path === t.path || path.startsWith(`${t.path}.`)) &&
      (input.orgSlug === undefined || t.scope.orgSlug === undefined || input.orgSlug === t.scope.orgSlug) &&
      (input.projectId === undefined ||
        t.scope.projectId === undefined ||
        input.projectId === t.scope.projectId),
  );
}

/**
 * The procedure path and input of a tRPC query key (`[["item","list"], { input, type }]`),
 * or null for a key that is not one of tRPC's.
 */
export function readTrpcKey(key: readonly unknown[]): { path: string[]; input: unknown } | null {
  const [path, rest] = key;
  if (!Array.isArray(path) || !path.every((p) => typeof p === "string")) return null;
  const input = rest && typeof rest === "object" ? (rest as { input?: unknown }).input : undefined;
  return { path: path as string[], input };
}

/**
 * The checks behind the procedure chain (src/server/api/trpc.ts), as plain
 * functions: is the session still valid, is the caller still a member of the
 * org, may they still see the project.
 *
 * The middlewares run them once per call through the per-instance access
 * cache (src/server/cache/access.ts: a few seconds at most, dropped at once
 * on every instance when a trigger announces a change). Long-running
 * subscriptions re-check with `recheckProjectAccess`, which reads the
 * database directly: it runs right after a change to the project or its
 * roles is announced, when the cache may not have heard of it yet.
 */
import type { AppSession } from "@/server/auth/session";
import type { CentralDb } from "@/server/db/central";
import type { TenantDb } from "@/server/db/tenant";
import {
  accessCaches,
  cachedOrgAccess,
  cachedProjectAccess,
  cachedSessionActor,
  type AccessCaches,
  type CachedOrgAccess,
} from "@/server/cache/access";
import { effectiveProjectRole, type OrgRole, type ProjectRole } from "@/domain/permissions";
import { loadProjectAccess } from "./project-access";
import { loadSessionActor } from "./sessions";

export type SessionUser = { kind: "user"; userId: string; email: string; name: string };

/**
 * The session's user when the session still holds: the user exists, is
 * active, the session version matches (sign-out everywhere, password
 * changes and removals bump it) and this device's session has not been
 * ended (sign-out, revoked from another device). Null otherwise.
 */
export async function verifySessionUser(
  centralDb: CentralDb,
  s: AppSession,
  now = new Date(),
): Promise<SessionUser | null> {
  if (s.expires && Date.parse(s.expires) <= now.getTime()) return null;
  // One indexed query: user active, session version current, this device's session not ended.
  return loadSessionActor(centralDb, s);
}

/** `verifySessionUser` through the access cache (the procedure chain). */
export async function verifySessionUserCached(
  centralDb: CentralDb,
  s: AppSession,
  caches: AccessCaches = accessCaches(),
  now = new Date(),
): Promise<SessionUser | null> {
  if (s.expires && Date.parse(s.expires) <= now.getTime()) return null;
  return cachedSessionActor(caches, s, () => loadSessionActor(centralDb, s));
}

/** An org's name and where its database is: what a request needs to open it. */
export const ORG_SELECT = { id: true, name: true, slug: true, databaseName: true, clusterKey: true } as const;

/** An active org by slug (null when missing, deleted or not yet provisioned). */
export function findActiveOrg(centralDb: CentralDb, slug: string) {
  return centralDb.organization.findFirst({
    where: { slug, deletedAt: null, status: "active" },
    select: { ...ORG_SELECT, settings: true },
  });
}

/** The user's active role in the org, or null. */
export async function orgRoleOf(
  centralDb: CentralDb,
  userId: string,
  orgId: string,
): Promise<OrgRole | null> {
  const m = await centralDb.orgMembership.findUnique({
    where: { userId_orgId: { userId, orgId } },
    select: { role: true, deactivatedAt: true },
  });
  return m && !m.deactivatedAt ? m.role : null;
}

/** Matches no membership or role row (the system actor has none). */
const NO_USER = "00000000-0000-0000-0000-000000000000";

/**
 * An active org by slug and the caller's role there, in one query, through
 * the access cache; null when the org does not exist for them (missing,
 * deleted, not provisioned, or they are not an active member). The system
 * actor (`userId` null) is an owner everywhere.
 */
export async function orgAccessOf(
  centralDb: CentralDb,
  userId: string | null,
  slug: string,
  caches: AccessCaches = accessCaches(),
): Promise<{ org: CachedOrgAccess["org"]; orgRole: OrgRole } | null> {
  const access = await cachedOrgAccess(caches, userId, slug, async () => {
    const found = await centralDb.organization.findFirst({
      where: { slug, deletedAt: null, status: "active" },
      select: {
        ...ORG_SELECT,
        settings: true,
        memberships: {
          where: { userId: userId ?? NO_USER },
          select: { role: true, deactivatedAt: true },
          take: 1,
        },
      },
    });
    if (!found) return null;
    const { memberships, ...org } = found;
    return { org, membership: memberships[0] ?? null };
  });
  if (!access) return null;
  if (userId === null) return { org: access.org, orgRole: "owner" };
  const m = access.membership;
  return m && !m.deactivatedAt ? { org: access.org, orgRole: m.role } : null;
}

/** The project (if not deleted) and the caller's effective role on it, or null when they may not see it. */
export async function projectAccessOf(
  db: TenantDb,
  projectId: string,
  userId: string | null,
  orgRole: OrgRole,
) {
  const access = await loadProjectAccess(db, projectId, userId);
  const projectRole: ProjectRole | null = access ? effectiveProjectRole(orgRole, access.role) : null;
  return access && projectRole ? { project: access.project, projectRole } : null;
}

/** `projectAccessOf` through the access cache (the procedure chain). */
export async function projectAccessOfCached(
  db: TenantDb,
  org: { id: string; databaseName: string; clusterKey: string },
  projectId: string,
  userId: string | null,
  orgRole: OrgRole,
  caches: AccessCaches = accessCaches(),
) {
  const access = await cachedProjectAccess(caches, org, projectId, userId, () =>
    loadProjectAccess(db, projectId, userId),
  );
  const projectRole: ProjectRole | null = access ? effectiveProjectRole(orgRole, access.role) : null;
  return access && projectRole ? { project: access.project, projectRole } : null;
}

export type AccessVerdict = "ok" | "UNAUTHORIZED" | "NOT_FOUND";

/**
 * Re-checks, for an open subscription, everything the chain checked when it
 * started: session, org membership, project visibility — uncached, straight
 * from the databases. The system actor (admin scripts) always passes.
 */
export async function recheckProjectAccess(a: {
  centralDb: CentralDb;
  db: TenantDb;
  session: AppSession | null;
  system: boolean;
  orgSlug: string;
  orgId: string;
  projectId: string;
}): Promise<AccessVerdict> {
  if (a.system) return "ok";
  if (!a.session) return "UNAUTHORIZED";
  const user = await verifySessionUser(a.centralDb, a.session);
  if (!user) return "UNAUTHORIZED";
  const org = await findActiveOrg(a.centralDb, a.orgSlug);
  if (!org || org.id !== a.orgId) return "NOT_FOUND";
  const orgRole = await orgRoleOf(a.centralDb, user.userId, org.id);
  if (!orgRole) return "NOT_FOUND";
  return (await projectAccessOf(a.db, a.projectId, user.userId, orgRole)) ? "ok" : "NOT_FOUND";
}

/**
 * What every request asks before it does anything — is this session's user
 * still active, which org is this and what is the caller's role there, is the
 * project visible and with which role — cached per app instance for a few
 * seconds (ACCESS_CACHE_TTL_SECONDS), with invalidation:
 *
 * - in this instance, at once: the central and tenant Prisma clients drop the
 *   entries a write to users, device sessions, memberships, organizations,
 *   projects or project roles may change (see `invalidateForWrite`);
 * - in every instance: database triggers NOTIFY on commit, and each instance's
 *   InvalidationBus LISTENs (central database, and each org database it has
 *   cached entries for).
 *
 * A missed message (no listener yet, a lost connection) is bounded by the
 * TTL: no entry is ever served longer than that.
 *
 * Keys: user (the verified session actor, `loadSessionActor`)
 * `<userId>:<sessionId|->:<sessionVersion>`; orgAccess `<userId|->:<slug>`;
 * projectAccess `<orgId>:<projectId>:<userId|->`. Other per-request checks can
 * add their own cache: `accessCaches().group.cache(name)` plus a trigger
 * calling `braidmgr_cache_notify(name, key)`.
 *
 * Only the procedure chain's checks go through here. Open subscriptions
 * re-check access uncached (services/access.ts `recheckProjectAccess`), and
 * server-rendered pages check the session uncached (auth/server-session.ts).
 */
import { env } from "@/env";
import { orgDatabaseUrl } from "@/server/db/clusters";
import { InvalidationBus, type OrgRef } from "./bus";
import { CacheGroup, cacheKey, type TtlCache } from "./ttl-cache";

/** A session that held when it was read: active user, current session version, device session not ended. */
export type CachedSessionActor = { kind: "user"; userId: string; email: string; name: string };

export type CachedOrgAccess = {
  org: {
    id: string;
    name: string;
    slug: string;
    databaseName: string;
    clusterKey: string;
    settings: unknown;
  };
  /** The caller's membership (null for the system actor or a non-member). */
  membership: { role: "owner" | "admin" | "member"; deactivatedAt: Date | null } | null;
};

export type CachedProjectAccess = {
  project: {
    id: string;
    name: string;
    clientName: string | null;
    projectStart: Date | null;
    projectEnd: Date | null;
    indicatorsAsOf: Date | null;
  };
  role: "admin" | "project_manager" | "team_member" | "viewer" | null;
};

export type AccessCaches = {
  group: CacheGroup;
  users: TtlCache<CachedSessionActor>;
  orgAccess: TtlCache<CachedOrgAccess>;
  projectAccess: TtlCache<CachedProjectAccess>;
  /** Whole answers of the hot project reads (src/server/cache/project-reads.ts). */
  projectReads: TtlCache<unknown>;
  /** Null when caching is off. */
  bus: InvalidationBus | null;
};

/** Most cached project answers per instance (a 200-item page is ~0.3 MB). */
const PROJECT_READS_MAX = 300;

/** A separate set of caches with its own listeners: one app instance (the process uses `accessCaches()`). */
export function createAccessCaches(opts: { ttlMs?: number } = {}): AccessCaches {
  const ttlMs = opts.ttlMs ?? env().ACCESS_CACHE_TTL_SECONDS * 1000;
  const group = new CacheGroup({ ttlMs, max: 20_000 });
  const bus =
    ttlMs > 0
      ? new InvalidationBus(group, {
          central: () => env().DATABASE_URL,
          org: (org) => orgDatabaseUrl(org),
        })
      : null;
  return {
    group,
    users: group.cache<CachedSessionActor>("user"),
    orgAccess: group.cache<CachedOrgAccess>("orgAccess"),
    projectAccess: group.cache<CachedProjectAccess>("projectAccess"),
    // Answers are large (a page of 200 items): keep few.
    projectReads: group.cache<unknown>("projectReads", { max: PROJECT_READS_MAX }),
    bus,
  };
}

const g = globalThis as unknown as { __braidAccessCaches?: AccessCaches };

/** This process's caches. */
export function accessCaches(): AccessCaches {
  return (g.__braidAccessCaches ??= createAccessCaches());
}

/** Stops the listeners and forgets the caches (tests, shutdown). */
export async function resetAccessCaches(): Promise<void> {
  const c = g.__braidAccessCaches;
  g.__braidAccessCaches = undefined;
  await c?.bus?.stop();
}

/* ------------------------------------------------------------ lookups */

// Each lookup caches only while this instance listens for the invalidations of
// that database; until then (the first moments, or after a lost connection)
// it asks the database every time.

/**
 * The verified actor of a session. Keyed by user, device session and session
 * version, so a token with another version or device never meets this entry;
 * a change to the user's row or to one of their device sessions drops all of
 * the user's entries.
 */
export function cachedSessionActor(
  c: AccessCaches,
  claims: { user: { id: string }; sessionVersion: number; sessionId?: string | null },
  load: () => Promise<CachedSessionActor | null>,
) {
  if (!c.bus?.centralListening()) return load();
  return c.users.get(cacheKey(claims.user.id, claims.sessionId ?? null, claims.sessionVersion), load);
}

export function cachedOrgAccess(
  c: AccessCaches,
  userId: string | null,
  slug: string,
  load: () => Promise<CachedOrgAccess | null>,
) {
  if (!c.bus?.centralListening()) return load();
  return c.orgAccess.get(cacheKey(userId, slug), load);
}

export function cachedProjectAccess(
  c: AccessCaches,
  org: OrgRef,
  projectId: string,
  userId: string | null,
  load: () => Promise<CachedProjectAccess | null>,
) {
  if (!c.bus?.orgListening(org)) return load();
  return c.projectAccess.get(cacheKey(org.id, projectId, userId), load);
}

/* -------------------------------------------------------- invalidation */

const WRITES = new Set([
  "create",
  "createMany",
  "createManyAndReturn",
  "update",
  "updateMany",
  "updateManyAndReturn",
  "upsert",
  "delete",
  "deleteMany",
]);

/**
 * Called by the Prisma clients after every operation on a model whose rows
 * feed these caches: drops, in this process, what the write may have changed.
 * (Other instances hear of it through the database triggers.)
 */
export function invalidateForWrite(model: string, operation: string, args: unknown, orgId?: string): void {
  if (!WRITES.has(operation)) return;
  const c = g.__braidAccessCaches;
  if (!c) return;
  const { where, data } = (args ?? {}) as { where?: { id?: unknown; userId?: unknown }; data?: unknown };
  switch (model) {
    case "User":
      c.users.invalidatePrefix(typeof where?.id === "string" ? where.id : "");
      break;
    case "UserSession": {
      // A new device session changes nothing cached; neither does the periodic last-seen stamp.
      if (operation === "create" || operation === "createMany" || operation === "createManyAndReturn") break;
      if (isOnlyLastSeen(data)) break;
      c.users.invalidatePrefix(typeof where?.userId === "string" ? where.userId : "");
      break;
    }
    case "OrgMembership":
    case "Organization":
      c.orgAccess.clear();
      break;
    case "Project":
    case "ProjectRole":
      if (orgId) c.projectAccess.invalidatePrefix(cacheKey(orgId, ""));
      break;
  }
  if (orgId && PROJECT_READ_MODELS.has(model)) c.projectReads.invalidatePrefix(cacheKey(orgId, ""));
}

/**
 * Models whose rows the cached project reads use (the tables with a
 * `projectReads` trigger, migration 20261203033000_project_read_cache): a
 * write through this process drops the org's cached answers at once; other
 * instances hear of it through the trigger.
 */
const PROJECT_READ_MODELS = new Set([
  "Item",
  "Workstream",
  "BudgetAllocation",
  "TimesheetEntry",
  "RateCard",
  "Project",
]);

/** A raw write (`$executeRaw`) through this process: drop the org's cached project answers. */
export function invalidateOrgReads(orgId: string): void {
  g.__braidAccessCaches?.projectReads.invalidatePrefix(cacheKey(orgId, ""));
}

/**
 * A Prisma query extension for one model: after every operation on it, the write drops the cached
 * entries it touches (invalidateForWrite; `orgId` for the tenant models).
 */
export const invalidatingQuery = (model: string, orgId?: string) => ({
  async $allOperations({
    operation,
    args,
    query,
  }: {
    operation: string;
    args: unknown;
    query: (a: unknown) => Promise<unknown>;
  }) {
    const result = await query(args);
    invalidateForWrite(model, operation, args, orgId);
    return result;
  },
});

function isOnlyLastSeen(data: unknown): boolean {
  if (!data || typeof data !== "object" || Array.isArray(data)) return false;
  const keys = Object.keys(data);
  return keys.length > 0 && keys.every((k) => k === "lastSeenAt");
}

/** Drops a project's cached access rows and answers in this process (after a raw SQL write to the project). */
export function invalidateProject(orgId: string, projectId: string): void {
  g.__braidAccessCaches?.projectAccess.invalidatePrefix(cacheKey(orgId, projectId, ""));
  g.__braidAccessCaches?.projectReads.invalidatePrefix(cacheKey(orgId, projectId, ""));
}

/**
 * What every request asks before it does anything — is this session's user
 * still active, which org is this and what is the caller's role there, is the
 * project visible and with which role — cached per app instance for a few
 * seconds (ACCESS_CACHE_TTL_SECONDS), with invalidation:
 *
 * - in this instance, at once: the central and tenant Prisma clients drop the
 *   entries a write to users, memberships, organizations, projects or project
 *   roles may change (see `invalidateForWrite`);
 * - in every instance: database triggers NOTIFY on commit, and each instance's
 *   InvalidationBus LISTENs (central database, and each org database it has
 *   cached entries for).
 *
 * A missed message (no listener yet, a lost connection) is bounded by the
 * TTL: no entry is ever served longer than that.
 *
 * Keys: user `<userId>`; orgAccess `<userId|->:<slug>`; projectAccess
 * `<orgId>:<projectId>:<userId|->`. Other per-request checks (e.g. a
 * per-device session check) can add their own cache: `accessCaches().group.cache(name)`
 * plus a trigger calling `braidmgr_cache_notify(name, key)`.
 */
import { env } from "@/env";
import { orgDatabaseUrl } from "@/server/db/clusters";
import { InvalidationBus, type OrgRef } from "./bus";
import { CacheGroup, cacheKey, type TtlCache } from "./ttl-cache";

export type CachedUser = {
  id: string;
  email: string;
  name: string;
  sessionVersion: number;
  deactivatedAt: Date | null;
  deletedAt: Date | null;
};

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
  users: TtlCache<CachedUser>;
  orgAccess: TtlCache<CachedOrgAccess>;
  projectAccess: TtlCache<CachedProjectAccess>;
  /** Null when caching is off. */
  bus: InvalidationBus | null;
};

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
    users: group.cache<CachedUser>("user"),
    orgAccess: group.cache<CachedOrgAccess>("orgAccess"),
    projectAccess: group.cache<CachedProjectAccess>("projectAccess"),
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

export function cachedUser(c: AccessCaches, userId: string, load: () => Promise<CachedUser | null>) {
  if (!c.bus?.centralListening()) return load();
  return c.users.get(cacheKey(userId), load);
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
  const where = (args as { where?: { id?: unknown } } | undefined)?.where;
  switch (model) {
    case "User":
      c.users.invalidatePrefix(typeof where?.id === "string" ? where.id : "");
      break;
    case "OrgMembership":
    case "Organization":
      c.orgAccess.clear();
      break;
    case "Project":
    case "ProjectRole":
      if (orgId) c.projectAccess.invalidatePrefix(cacheKey(orgId, ""));
      break;
  }
}

/** Drops a project's cached access rows in this process (after a raw SQL write to the project). */
export function invalidateProject(orgId: string, projectId: string): void {
  g.__braidAccessCaches?.projectAccess.invalidatePrefix(cacheKey(orgId, projectId, ""));
}

/**
 * The project reads every screen repeats — item.list, item.facets,
 * project.dashboard, budget.metrics — answered from a per-instance cache for
 * up to ACCESS_CACHE_TTL_SECONDS when nothing in the project changed.
 *
 * Why it is safe:
 * - these answers depend only on the project's rows (items, workstreams,
 *   budget allocations, timesheets, rate cards, the project row), the input
 *   and today's date — never on who asks (the caller's right to ask was
 *   checked by the procedure chain before this runs). Keep it so: a read
 *   whose answer varies by caller, or that uses another table, must not come
 *   through here without extending the key or the triggers;
 * - a committed change to any of those tables NOTIFYs every instance
 *   (migration 20261203033000_project_read_cache), and a write through this
 *   process drops the org's answers at once (src/server/db/tenant.ts);
 * - answers are cached only while this instance LISTENs on the org's
 *   database, and a load that overlapped an invalidation is not stored
 *   (src/server/cache/ttl-cache.ts); the TTL bounds anything missed.
 *
 * Cached values are shared between requests: callers must not mutate them.
 */
import { today } from "@/server/clock";
import { cacheKey } from "./ttl-cache";
import type { AccessCaches } from "./access";
import type { OrgRef } from "./bus";

export type ProjectReadScope = { caches: AccessCaches; org: OrgRef; project: { id: string } };

export function cachedProjectRead<V extends object>(
  ctx: ProjectReadScope,
  what: string,
  input: unknown,
  load: () => Promise<V>,
): Promise<V> {
  const c = ctx.caches;
  if (!c.projectReads.enabled || !c.bus?.orgListening(ctx.org)) return load();
  const key = cacheKey(
    ctx.org.id,
    ctx.project.id,
    what,
    today(),
    input === undefined ? "" : JSON.stringify(input),
  );
  return c.projectReads.get(key, load) as Promise<V>;
}

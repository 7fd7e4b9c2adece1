/**
 * Walking every live organization for batch work (daily jobs): orgs one at a
 * time, each org's failure recorded and the walk carried on.
 */
import type { CentralDb } from "@/server/db/central";
import type { TenantOrgRef } from "@/server/db/tenant";
import { isOrgReadOnly } from "@/domain/org-maintenance";

export type ActiveOrg = TenantOrgRef & { slug: string };

/**
 * Organizations whose database is in service: active, not deleted, and not
 * read-only for maintenance (a database being moved; its batch work waits for the next run).
 */
export async function listActiveOrgs(central: CentralDb): Promise<ActiveOrg[]> {
  const rows = await central.organization.findMany({
    where: { deletedAt: null, status: "active" },
    select: { id: true, slug: true, databaseName: true, clusterKey: true, settings: true },
    orderBy: { slug: "asc" },
  });
  return rows.filter((r) => !isOrgReadOnly(r.settings)).map(({ settings: _settings, ...org }) => org);
}

export type OrgFailure = { slug: string; error: string };

export const errorMessage = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Runs `fn` for each org in turn; a failing org is reported and the others still run. */
export async function forEachOrg<T>(
  orgs: readonly ActiveOrg[],
  fn: (org: ActiveOrg) => Promise<T>,
  onError?: (org: ActiveOrg, err: unknown) => void,
): Promise<{ done: { slug: string; result: T }[]; failed: OrgFailure[] }> {
  const done: { slug: string; result: T }[] = [];
  const failed: OrgFailure[] = [];
  for (const org of orgs) {
    try {
      done.push({ slug: org.slug, result: await fn(org) });
    } catch (err) {
      onError?.(org, err);
      failed.push({ slug: org.slug, error: errorMessage(err) });
    }
  }
  return { done, failed };
}

/** `fn` over `items` with at most `limit` running at once; one result per item, in order, never throwing. */
export async function mapSettled<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<PromiseSettledResult<R>[]> {
  const results: PromiseSettledResult<R>[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      try {
        results[i] = { status: "fulfilled", value: await fn(items[i]!) };
      } catch (reason) {
        results[i] = { status: "rejected", reason };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

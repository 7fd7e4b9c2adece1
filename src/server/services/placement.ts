/**
 * Placement of new org databases on the configured clusters (rules in
 * src/domain/placement.ts): the load is the number of org databases each
 * cluster holds, counted from the central organizations table.
 */
import { env } from "@/env";
import type { CentralDb } from "@/server/db/central";
import { clusterKeys } from "@/server/db/clusters";
import { chooseCluster, type Placement } from "@/domain/placement";

/** Org databases per cluster key: every org not deleted (provisioning ones included). */
export async function orgDatabasesPerCluster(central: CentralDb): Promise<Record<string, number>> {
  const rows = await central.organization.groupBy({
    by: ["clusterKey"],
    where: { deletedAt: null, status: { not: "deleting" } },
    _count: { _all: true },
  });
  return Object.fromEntries(rows.map((r) => [r.clusterKey, r._count._all]));
}

/** Where a new org's database goes; `requested` (operators only) must be a configured cluster. */
export async function placeOrgDatabase(central: CentralDb, requested?: string): Promise<Placement> {
  const e = env();
  const load =
    requested === undefined && e.ORG_PLACEMENT === "least-loaded"
      ? await orgDatabasesPerCluster(central)
      : {};
  return chooseCluster({
    clusters: clusterKeys(),
    requested,
    mode: e.ORG_PLACEMENT,
    defaultCluster: e.DEFAULT_CLUSTER,
    load,
  });
}

/**
 * Where a new organization's database goes (pure). Clusters are the database
 * servers of DATABASE_CLUSTERS plus "default", the server of DATABASE_URL.
 *
 * - An operator may name a cluster; an unknown key is refused (field `clusterKey`).
 * - Otherwise "fixed" placement uses the configured default cluster, and
 *   "least-loaded" the cluster holding the fewest org databases (ties: the
 *   order the clusters are listed in, "default" first).
 */
import { DomainError } from "./errors";

export const CENTRAL_CLUSTER = "default";

export type PlacementMode = "fixed" | "least-loaded";

export type Placement = { clusterKey: string; how: "requested" | PlacementMode };

export function chooseCluster(opts: {
  /** Cluster keys that exist, "default" included, in preference order. */
  clusters: readonly string[];
  requested?: string;
  mode: PlacementMode;
  defaultCluster: string;
  /** Org databases per cluster key (missing = 0). */
  load: Readonly<Record<string, number>>;
}): Placement {
  const { clusters, requested } = opts;
  if (requested !== undefined) {
    if (!clusters.includes(requested)) {
      const message = `Unknown database cluster "${requested}"; configured: ${clusters.join(", ")}`;
      throw new DomainError("INVALID", message, { fieldErrors: { clusterKey: [message] } });
    }
    return { clusterKey: requested, how: "requested" };
  }
  if (opts.mode === "fixed") return { clusterKey: opts.defaultCluster, how: "fixed" };
  let best = clusters[0] ?? CENTRAL_CLUSTER;
  for (const key of clusters) {
    if ((opts.load[key] ?? 0) < (opts.load[best] ?? 0)) best = key;
  }
  return { clusterKey: best, how: "least-loaded" };
}

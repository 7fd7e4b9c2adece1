/** Where an organization's database lives: cluster key → server URL. */
import { env } from "@/env";
import { withDatabase } from "./urls";

export const DEFAULT_CLUSTER = "default";

export function clusterServerUrl(clusterKey: string): string {
  const e = env();
  if (clusterKey === DEFAULT_CLUSTER) return withDatabase(e.DATABASE_URL, "postgres");
  const url = e.DATABASE_CLUSTERS[clusterKey];
  if (!url) throw new Error(`Unknown database cluster "${clusterKey}" (configure it in DATABASE_CLUSTERS)`);
  return withDatabase(url, "postgres");
}

export function orgDatabaseUrl(org: { databaseName: string; clusterKey: string }): string {
  return withDatabase(clusterServerUrl(org.clusterKey), org.databaseName);
}

/** braidmgr_org_<slug>, with the slug's hyphens as underscores (≤ 63 bytes). */
export function orgDatabaseName(slug: string): string {
  return `${env().ORG_DATABASE_PREFIX}${slug.replace(/-/g, "_")}`;
}

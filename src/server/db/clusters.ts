/** Where an organization's database lives: cluster key → server URL. */
import { env } from "@/env";
import { CENTRAL_CLUSTER } from "@/domain/placement";
import { withDatabase } from "./urls";

/** "default": the PostgreSQL server of DATABASE_URL (the central database's). */
export const DEFAULT_CLUSTER = CENTRAL_CLUSTER;

/** Every cluster org databases may live on: "default" first, then DATABASE_CLUSTERS in order. */
export function clusterKeys(): string[] {
  return [CENTRAL_CLUSTER, ...Object.keys(env().DATABASE_CLUSTERS)];
}

export function isClusterKey(key: string): boolean {
  return key === CENTRAL_CLUSTER || Object.hasOwn(env().DATABASE_CLUSTERS, key);
}

export function clusterServerUrl(clusterKey: string): string {
  const e = env();
  if (clusterKey === CENTRAL_CLUSTER) return withDatabase(e.DATABASE_URL, "postgres");
  const url = Object.hasOwn(e.DATABASE_CLUSTERS, clusterKey) ? e.DATABASE_CLUSTERS[clusterKey] : undefined;
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

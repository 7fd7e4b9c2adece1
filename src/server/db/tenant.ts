/**
 * Tenant Prisma clients, one per organization database. The cache is bounded
 * (least recently used clients are closed first) and idle clients are closed
 * by a sweep, so a process serving many orgs does not hoard connections.
 * `getTenantDb` is the only way code reaches an org's data.
 */
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/generated/tenant/client";
import { env } from "@/env";
import { logger } from "@/server/logger";
import { orgDatabaseUrl } from "./clusters";
import { invalidateOrgReads, invalidatingQuery } from "@/server/cache/access";
import { TRANSACTION_OPTIONS } from "./transactions";
import { registerReadPool } from "./read-sql";
import { DB_CONNECT_TIMEOUT_MS } from "./errors";

export type TenantDb = PrismaClient;
/** Types, and the `sql` / `join` / `empty` tags for raw queries. */
export { Prisma as TenantPrisma } from "@/generated/tenant/client";

export type TenantOrgRef = { id: string; databaseName: string; clusterKey: string };

/** `where`: database name and cluster; a moved org (new cluster) gets a new client. */
type Entry = { client: TenantDb; lastUsed: number; where: string };

const whereOf = (org: TenantOrgRef) => `${org.clusterKey}/${org.databaseName}`;

const g = globalThis as unknown as {
  __braidTenantDbs?: Map<string, Entry>;
  __braidTenantSweep?: NodeJS.Timeout;
};

function cache(): Map<string, Entry> {
  g.__braidTenantDbs ??= new Map();
  if (!g.__braidTenantSweep) {
    g.__braidTenantSweep = setInterval(() => void sweepIdleTenantDbs(), 30_000);
    g.__braidTenantSweep.unref();
  }
  return g.__braidTenantDbs;
}

export function getTenantDb(org: TenantOrgRef): TenantDb {
  const map = cache();
  const hit = map.get(org.id);
  if (hit && hit.where === whereOf(org)) {
    // Re-insert so Map order is least-recently-used first.
    map.delete(org.id);
    hit.lastUsed = Date.now();
    map.set(org.id, hit);
    return hit.client;
  }
  if (hit) {
    // The org's database moved (or was re-created): close the pool to the old one.
    map.delete(org.id);
    void hit.client
      .$disconnect()
      .catch((err: unknown) => logger.warn({ err }, "tenant client disconnect failed"));
  }
  const e = env();
  const orgId = org.id;

  // One pool per org, shared by Prisma and the hot reads of src/server/db/read-sql.ts;
  // $disconnect ends it (disposeExternalPool).
  const pool = new pg.Pool({
    connectionString: orgDatabaseUrl(org),
    max: e.TENANT_POOL_SIZE,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: DB_CONNECT_TIMEOUT_MS,
  });
  // An idle connection dropped by the server (a restart, a terminated backend) must not crash the process.
  pool.on("error", (err) => logger.warn({ err: err.message }, "tenant pool: idle connection failed"));
  const client = new PrismaClient({
    adapter: new PrismaPg(pool, { disposeExternalPool: true }),
    // A burst of writes queues for the pool's few connections (and the per-project item counter):
    // wait for a connection as the central client does, instead of Prisma's 2 s default, then fail.
    transactionOptions: TRANSACTION_OPTIONS,
  }).$extends({
    // Writes to these models drop this process's cached project access and answers (src/server/cache/access.ts).
    query: {
      project: invalidatingQuery("Project", orgId),
      projectRole: invalidatingQuery("ProjectRole", orgId),
      item: invalidatingQuery("Item", orgId),
      workstream: invalidatingQuery("Workstream", orgId),
      budgetAllocation: invalidatingQuery("BudgetAllocation", orgId),
      timesheetEntry: invalidatingQuery("TimesheetEntry", orgId),
      rateCard: invalidatingQuery("RateCard", orgId),
      // A raw statement may write anything: drop the org's cached project answers.
      async $executeRaw({ args, query }) {
        const result = await query(args);
        invalidateOrgReads(orgId);
        return result;
      },
      async $executeRawUnsafe({ args, query }) {
        const result = await query(args);
        invalidateOrgReads(orgId);
        return result;
      },
    },
  }) as unknown as TenantDb; // a query extension changes no types
  registerReadPool(client, pool);
  map.set(org.id, { client, lastUsed: Date.now(), where: whereOf(org) });
  while (map.size > e.TENANT_CLIENT_CACHE_MAX) {
    const [oldestId, oldest] = map.entries().next().value as [string, Entry];
    map.delete(oldestId);
    void oldest.client
      .$disconnect()
      .catch((err: unknown) => logger.warn({ err }, "tenant client disconnect failed"));
  }
  return client;
}

export async function sweepIdleTenantDbs(now = Date.now()): Promise<number> {
  const map = g.__braidTenantDbs;
  if (!map) return 0;
  const idleMs = env().TENANT_CLIENT_IDLE_SECONDS * 1000;
  const stale = [...map.entries()].filter(([, e]) => now - e.lastUsed > idleMs);
  for (const [id] of stale) map.delete(id);
  await Promise.all(stale.map(([, e]) => e.client.$disconnect().catch(() => undefined)));
  return stale.length;
}

/** Closes one org's client (before its database is dropped). */
export async function evictTenantDb(orgId: string): Promise<void> {
  const map = g.__braidTenantDbs;
  const entry = map?.get(orgId);
  if (!entry) return;
  map!.delete(orgId);
  await entry.client.$disconnect().catch(() => undefined);
}

export function tenantCacheSize(): number {
  return g.__braidTenantDbs?.size ?? 0;
}

export async function disconnectAllTenantDbs(): Promise<void> {
  const map = g.__braidTenantDbs;
  if (!map) return;
  const entries = [...map.values()];
  map.clear();
  await Promise.all(entries.map((e) => e.client.$disconnect().catch(() => undefined)));
}

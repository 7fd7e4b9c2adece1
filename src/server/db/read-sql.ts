/**
 * Hot reads straight through the tenant's pg pool.
 *
 * Prisma's raw queries go through the driver adapter and the client's result
 * pipeline: for a 200-row page that is several milliseconds of CPU on top of
 * what the same statement costs through `pg` (measured by `npm run bench:http`,
 * see README "Performance"). The few reads every screen makes — item.list,
 * item.get — run their SQL on the pool the tenant Prisma client itself uses
 * (the same connections, no extra ones), written so that both paths return the
 * same values: dates as `YYYY-MM-DD` text (`date::text` under PostgreSQL's default ISO
 * DateStyle, which node-pg's own date parsing needs too), money as text, timestamps as Dates.
 *
 * Anything without a registered pool (a transaction client, a client whose
 * pool was closed) falls back to `$queryRaw` with the same statement.
 */
import type pg from "pg";
import type { Prisma } from "@/generated/tenant/client";

type RawCapable = { $queryRaw<T = unknown>(query: Prisma.Sql): Prisma.PrismaPromise<T> };

const pools = new WeakMap<object, pg.Pool>();

/** Called by getTenantDb for each client it builds over its own pool. */
export function registerReadPool(client: object, pool: pg.Pool): void {
  pools.set(client, pool);
}

export async function readRows<T extends object>(db: RawCapable, query: Prisma.Sql): Promise<T[]> {
  const pool = pools.get(db);
  if (pool && !pool.ending && !pool.ended) {
    const res = await pool.query<T & pg.QueryResultRow>({ text: query.text, values: query.values });
    return res.rows;
  }
  return db.$queryRaw<T[]>(query);
}

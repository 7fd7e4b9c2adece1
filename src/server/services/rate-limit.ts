/**
 * Rate limits shared by every app instance: a fixed-window counter per bucket in the central
 * database, taken with ONE atomic statement (an upsert that resets an elapsed window and counts the
 * hit), so concurrent requests on any number of servers can never slip past the limit together.
 */
import type { CentralDb, CentralPrisma } from "@/server/db/central";
import { MAX_RATE_LIMIT_WINDOW_MS } from "@/domain/retention";

type Db = CentralDb | CentralPrisma.TransactionClient;

export type RateLimitHit = { allowed: boolean; count: number; retryAt: Date };

/**
 * Counts one hit on `bucket` and says whether it is within `limit` hits per `windowMs`.
 * Hits over the limit are counted too (a client that keeps trying stays refused).
 */
export async function hitRateLimit(
  central: Db,
  bucket: string,
  limit: number,
  windowMs: number,
  now: Date = new Date(),
): Promise<RateLimitHit> {
  // Retention deletes counters whose window started longer ago than this (src/domain/retention.ts).
  if (!(windowMs > 0 && windowMs <= MAX_RATE_LIMIT_WINDOW_MS))
    throw new RangeError(`Rate-limit windows are 1 ms to ${MAX_RATE_LIMIT_WINDOW_MS} ms, not ${windowMs}`);
  const key = bucket.slice(0, 200);
  const cutoff = new Date(now.getTime() - windowMs);
  const rows = await central.$queryRaw<{ count: number; window_start: Date }[]>`
    INSERT INTO rate_limit_counters (bucket, window_start, count)
    VALUES (${key}, ${now}::timestamptz, 1)
    ON CONFLICT (bucket) DO UPDATE SET
      count = CASE WHEN rate_limit_counters.window_start <= ${cutoff}::timestamptz THEN 1 ELSE rate_limit_counters.count + 1 END,
      window_start = CASE WHEN rate_limit_counters.window_start <= ${cutoff}::timestamptz THEN ${now}::timestamptz
                          ELSE rate_limit_counters.window_start END
    RETURNING count, window_start`;
  const row = rows[0]!;
  return {
    allowed: row.count <= limit,
    count: row.count,
    retryAt: new Date(new Date(row.window_start).getTime() + windowMs),
  };
}

/** Deletes counters whose window ended long ago (housekeeping; safe to run any time). */
export async function pruneRateLimits(central: CentralDb, before: Date): Promise<number> {
  return central.$executeRaw`DELETE FROM rate_limit_counters WHERE window_start < ${before}::timestamptz`;
}

/**
 * Interactive-transaction limits and a retry for the failures that are safe to
 * retry. Prisma's defaults (wait 2 s for a connection, 5 s for the whole
 * transaction) fail writes on a busy machine; these are set explicitly on the
 * central and tenant clients.
 */

/** Wait up to `maxWait` for a pooled connection; roll back a transaction still open after `timeout`. */
export const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 20_000 } as const;

/** SQLSTATEs after which the whole transaction can run again: serialization failure, deadlock, lock timeout. */
const RETRYABLE_SQLSTATES = new Set(["40001", "40P01", "55P03"]);

function sqlStateOf(err: unknown, depth = 0): string | undefined {
  if (!err || typeof err !== "object" || depth > 4) return undefined;
  const e = err as {
    code?: unknown;
    originalCode?: unknown;
    kind?: unknown;
    cause?: unknown;
    meta?: unknown;
  };
  if (e.kind === "TransactionWriteConflict") return "40001";
  // Prisma's own codes (P1000–P6999) look like SQLSTATEs; they are skipped to reach the driver's.
  for (const c of [e.originalCode, e.code]) {
    if (typeof c === "string" && /^[0-9A-Z]{5}$/.test(c) && !/^P[1-9]\d{3}$/.test(c)) return c;
  }
  const meta = e.meta as { driverAdapterError?: unknown; code?: unknown } | undefined;
  return sqlStateOf(meta?.driverAdapterError, depth + 1) ?? sqlStateOf(e.cause, depth + 1);
}

/**
 * True when the failed transaction certainly did not commit and running it
 * again is safe: write conflicts and deadlocks (P2034 or their SQLSTATEs), lock
 * timeouts, and "no connection in time" (nothing ran). An expired transaction
 * is not retried: it may have been half-way through its commit.
 */
export function isRetryableTransactionError(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null;
  if (!e || typeof e !== "object") return false;
  if (e.code === "P2034") return true;
  if (
    e.code === "P2028" &&
    typeof e.message === "string" &&
    e.message.includes("Unable to start a transaction")
  )
    return true;
  const state = sqlStateOf(err);
  return state !== undefined && RETRYABLE_SQLSTATES.has(state);
}

/**
 * Runs `fn` (one whole transaction, with no effects outside the database) and
 * runs it again, after a short randomized back-off, when it failed in a way
 * {@link isRetryableTransactionError} calls safe.
 */
export async function withTransactionRetry<T>(
  fn: () => Promise<T>,
  opts: { attempts?: number; baseDelayMs?: number } = {},
): Promise<T> {
  const attempts = opts.attempts ?? 4;
  const base = opts.baseDelayMs ?? 15;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (attempt >= attempts || !isRetryableTransactionError(err)) throw err;
      const delay = base * 2 ** (attempt - 1) * (0.5 + Math.random());
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

/**
 * A transaction-scoped lock on one kind of work on one project (dependency
 * edits, budget imports, the daily indicator refresh), so that work is
 * serialised without locking the project row that item creation increments.
 */
export async function lockProjectWork(
  tx: { $executeRaw: (query: TemplateStringsArray, ...values: unknown[]) => Promise<number> },
  purpose: "dependencies" | "budget-import" | "indicators",
  projectId: string,
): Promise<void> {
  const key = `braidmgr.${purpose}:${projectId}`;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`;
}

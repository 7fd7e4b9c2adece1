/**
 * Database outages, recognised in one place. While PostgreSQL is down,
 * restarting or refusing connections, every request that needs it should fail
 * fast with one stable answer (503 SERVICE_UNAVAILABLE, "try again in a
 * moment") — never a 500 carrying driver text, and never a hang.
 *
 * The errors come in many wrappings: node-postgres errors (socket codes such
 * as ECONNREFUSED, SQLSTATE 57P01 "admin shutdown", 57P03 "cannot connect
 * now", class 08 "connection exception"), plain `Error("Connection
 * terminated …")` from pg, and Prisma's driver-adapter errors that carry the
 * original under `meta.driverAdapterError.cause` (kind DatabaseNotReachable,
 * ConnectionClosed, …) or a P1xxx code.
 */

/**
 * How long a pool waits for a new connection before it gives up (pg's default is forever):
 * a server that accepts TCP but does not answer must not hang requests.
 */
export const DB_CONNECT_TIMEOUT_MS = 5_000;

/** What callers see while the database is unreachable. */
export const DB_UNAVAILABLE_MESSAGE =
  "The service is briefly unavailable (its database cannot be reached). Please try again in a moment.";

const CODES = new Set([
  // sockets
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  // PostgreSQL: operator intervention / shutting down / starting up
  "57P01",
  "57P02",
  "57P03",
  // PostgreSQL: connection exceptions
  "08000",
  "08001",
  "08003",
  "08004",
  "08006",
  // Prisma: can't reach the server, timed out, server closed the connection, pool timeout
  "P1001",
  "P1002",
  "P1017",
  "P2024",
]);

const KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout"]);

const MESSAGES =
  /Connection terminated|connection timeout|Connection refused|Client has encountered a connection error|Client was closed and is not queryable|terminating connection due to administrator command|the database system is (shutting down|starting up|not yet accepting connections|in recovery mode)|Can't reach database server|Server has closed the connection|timeout exceeded when trying to connect/i;

/** The error and what it wraps (cause chains, Prisma's driver-adapter detail), breadth-first, bounded. */
function* layers(err: unknown): Generator<Record<string, unknown>> {
  const queue: unknown[] = [err];
  const seen = new Set<unknown>();
  while (queue.length && seen.size < 20) {
    const e = queue.shift();
    if (e === null || typeof e !== "object" || seen.has(e)) continue;
    seen.add(e);
    const o = e as Record<string, unknown>;
    yield o;
    queue.push(o.cause);
    const meta = o.meta as { driverAdapterError?: { cause?: unknown } } | undefined;
    if (meta && typeof meta === "object") queue.push(meta.driverAdapterError, meta.driverAdapterError?.cause);
    if (Array.isArray(o.errors)) queue.push(...(o.errors as unknown[]).slice(0, 5)); // AggregateError
  }
}

/** Whether `err` means "the database cannot be reached right now" (as opposed to a bad query). */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (const o of layers(err)) {
    for (const key of ["code", "originalCode", "errorCode"]) {
      const v = o[key];
      if (typeof v === "string" && CODES.has(v)) return true;
    }
    if (typeof o.kind === "string" && KINDS.has(o.kind)) return true;
    for (const key of ["message", "originalMessage", "reason"]) {
      const v = o[key];
      if (typeof v === "string" && MESSAGES.test(v)) return true;
    }
  }
  return false;
}

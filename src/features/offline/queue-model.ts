/**
 * The offline queue's rules, as pure functions over an array of ops (the
 * store keeps the array in memory and in IndexedDB):
 * - order: ops go out one at a time in the order they were queued; while the
 *   first waiting op backs off, nothing after it is sent (a later edit never
 *   overtakes an earlier one). Ops that need the user (conflict, failed) are
 *   parked and no longer hold the line.
 * - coalescing: a second edit of the same item, queued while the first has
 *   not been sent, folds into it (later fields win, the first op's version
 *   and base stay: the server checks the version the user started from).
 * - after a queued edit is saved, later queued edits of that item move to
 *   the new version (they build on it; it is not someone else's change).
 * - retries: network trouble and server hiccups back off exponentially
 *   (1 s, 2 s, 4 s … at most a minute); a CONFLICT opens the conflict view;
 *   anything else (validation, permission, deleted item) is shown as failed.
 */
import type { QueuedOp } from "@/contracts/offline-queue";

export type { QueuedOp };

export const MAX_RETRY_DELAY_MS = 60_000;

/** Delay before attempt `attempts + 1`, after `attempts` failures (≥ 1). */
export function retryDelay(attempts: number): number {
  return Math.min(MAX_RETRY_DELAY_MS, 1000 * 2 ** Math.max(0, attempts - 1));
}

export type Outcome = "retry" | "conflict" | "failed";

/** What a failed send means, from the tRPC error code (null: no answer from the server). */
export function outcomeOf(code: string | null): Outcome {
  if (code === null) return "retry";
  if (code === "CONFLICT") return "conflict";
  if (
    code === "INTERNAL_SERVER_ERROR" ||
    code === "TIMEOUT" ||
    code === "TOO_MANY_REQUESTS" ||
    code === "SERVICE_UNAVAILABLE" ||
    code === "BAD_GATEWAY" ||
    code === "GATEWAY_TIMEOUT" ||
    // The session ended: keep the change until the user signs in again.
    code === "UNAUTHORIZED"
  )
    return "retry";
  return "failed";
}

const bySeq = (a: QueuedOp, b: QueuedOp) => a.seq - b.seq;

/** The next sequence number. */
export function nextSeq(ops: readonly QueuedOp[]): number {
  return ops.reduce((m, o) => Math.max(m, o.seq + 1), 0);
}

/**
 * Adds `op`, folding an item edit into a queued, unsent edit of the same item
 * (not the one being sent: `inFlight`). Returns the new array and the op that
 * holds the change (the merged one or `op`).
 */
export function addOp(
  ops: readonly QueuedOp[],
  op: QueuedOp,
  inFlight: string | null = null,
): { ops: QueuedOp[]; stored: QueuedOp } {
  if (op.kind === "update") {
    const into = ops.find(
      (o): o is Extract<QueuedOp, { kind: "update" }> =>
        o.kind === "update" &&
        o.state === "pending" &&
        o.id !== inFlight &&
        o.userId === op.userId &&
        o.scope.orgSlug === op.scope.orgSlug &&
        o.scope.projectId === op.scope.projectId &&
        o.itemNum === op.itemNum,
    );
    if (into) {
      const merged: QueuedOp = {
        ...into,
        label: op.label,
        changes: { ...into.changes, ...op.changes },
        base: into.base || op.base ? { ...op.base, ...into.base } : undefined,
      };
      return { ops: ops.map((o) => (o.id === into.id ? merged : o)).sort(bySeq), stored: merged };
    }
  }
  return { ops: [...ops, op].sort(bySeq), stored: op };
}

/** Ops still to be sent (what the banner counts). */
export function pendingOps(ops: readonly QueuedOp[], userId?: string | null): QueuedOp[] {
  return ops
    .filter((o) => o.state === "pending" && (userId === undefined || o.userId === userId))
    .sort(bySeq);
}

/** Ops that need the user: a conflict to resolve or a change the server refused. */
export function parkedOps(ops: readonly QueuedOp[], userId?: string | null): QueuedOp[] {
  return ops
    .filter((o) => o.state !== "pending" && (userId === undefined || o.userId === userId))
    .sort(bySeq);
}

/**
 * The op to send now, or null: the first pending op of this user; null while
 * it waits for its retry time (order is kept).
 */
export function nextOp(ops: readonly QueuedOp[], userId: string, now: number): QueuedOp | null {
  const head = pendingOps(ops, userId)[0];
  if (!head || head.nextAttemptAt > now) return null;
  return head;
}

/** When the next send is due (ms since epoch), or null when nothing waits. */
export function nextDueAt(ops: readonly QueuedOp[], userId: string): number | null {
  return pendingOps(ops, userId)[0]?.nextAttemptAt ?? null;
}

/**
 * `id` was saved. Removes it; for an item edit saved at `newVersion`, later
 * queued edits of the same item that started from the sent version move to it.
 */
export function afterSuccess(ops: readonly QueuedOp[], id: string, newVersion?: number): QueuedOp[] {
  const sent = ops.find((o) => o.id === id);
  const rest = ops.filter((o) => o.id !== id);
  if (!sent || sent.kind !== "update" || newVersion === undefined) return rest;
  return rest.map((o) =>
    o.kind === "update" &&
    o.userId === sent.userId &&
    o.scope.orgSlug === sent.scope.orgSlug &&
    o.scope.projectId === sent.scope.projectId &&
    o.itemNum === sent.itemNum &&
    o.version === sent.version
      ? { ...o, version: newVersion }
      : o,
  );
}

/** `id` failed with `outcome`: back off, or park it for the user with the server's message. */
export function afterFailure(
  ops: readonly QueuedOp[],
  id: string,
  outcome: Outcome,
  message: string,
  now: number,
): QueuedOp[] {
  return ops.map((o) => {
    if (o.id !== id) return o;
    const attempts = o.attempts + 1;
    if (outcome === "retry")
      return { ...o, attempts, nextAttemptAt: now + retryDelay(attempts), error: message };
    return { ...o, attempts, state: outcome, error: message };
  });
}

/** The network came back: whatever was backing off may go at once. */
export function retryNow(ops: readonly QueuedOp[], now: number): QueuedOp[] {
  return ops.map((o) => (o.state === "pending" && o.nextAttemptAt > now ? { ...o, nextAttemptAt: now } : o));
}

/**
 * Lists show what this device will make of an item: the signed-in user's item
 * edits that wait in the offline queue are laid over the server's copy of the
 * row until they are sent (then the server's answer replaces the row). Pure.
 *
 * - only edits still waiting ("pending") count: one in conflict shows the
 *   server's copy (the editor asks which to keep), a refused one is dropped;
 * - an edit applies to the copy it was made on, or an older one; a newer
 *   server copy wins (sending the edit will meet it as a conflict);
 * - only fields the row has are changed, and the indicator (and risk score)
 *   are worked out again as of `today`, as the server will.
 */
import type { QueuedOp, QueuedOpScope } from "@/contracts/offline-queue";
import { computeIndicator, severityOf, type IndicatorInput } from "@/domain/indicators";
import type { Indicator, IsoDate, Severity } from "@/domain/types";

/** What a list row needs for an edit to be laid over it (item.list rows have all of it). */
export type QueueableRow = IndicatorInput & {
  itemNum: number;
  version: number;
  indicator: Indicator | null;
  severity: Severity | null;
};

/** A row with a queued edit laid over it. */
export type WithQueued<R> = R & { queued?: true };

type QueuedUpdate = Extract<QueuedOp, { kind: "update" }>;

const inScope = (op: QueuedOp, scope: QueuedOpScope) =>
  op.scope.orgSlug === scope.orgSlug && op.scope.projectId === scope.projectId;

/** The waiting edits of this project, by item number, in the order they were queued. */
function waitingEdits(ops: readonly QueuedOp[], scope: QueuedOpScope): Map<number, QueuedUpdate[]> {
  const byItem = new Map<number, QueuedUpdate[]>();
  const edits = ops
    .filter((o): o is QueuedUpdate => o.kind === "update" && o.state === "pending" && inScope(o, scope))
    .sort((a, b) => a.seq - b.seq);
  for (const op of edits) byItem.set(op.itemNum, [...(byItem.get(op.itemNum) ?? []), op]);
  return byItem;
}

/** One row with its waiting edits applied (the same object when none applies). */
export function applyQueuedEdits<R extends QueueableRow>(
  row: R,
  edits: readonly QueuedUpdate[],
  today: IsoDate,
): WithQueued<R> {
  let next: Record<string, unknown> | null = null;
  for (const op of edits) {
    if (row.version > op.version) continue;
    for (const [key, value] of Object.entries(op.changes)) {
      if (value === undefined || !(key in row)) continue;
      next ??= { ...row };
      next[key] = value;
    }
  }
  if (!next) return row;
  const indicator = computeIndicator(next as unknown as IndicatorInput, today);
  if ("riskScore" in next) {
    const { probability: p, impact: i } = next as { probability?: number | null; impact?: number | null };
    next.riskScore = p && i ? p * i : null;
  }
  return { ...(next as R), indicator, severity: severityOf(indicator), queued: true };
}

/**
 * The rows with the user's waiting edits of this project laid over them. The
 * same array when nothing changes, so a memoised list does not re-render.
 */
export function withQueuedEdits<R extends QueueableRow>(
  rows: R[],
  ops: readonly QueuedOp[],
  scope: QueuedOpScope,
  today: IsoDate,
): WithQueued<R>[] {
  const byItem = waitingEdits(ops, scope);
  if (byItem.size === 0) return rows;
  let changed = false;
  const out = rows.map((row) => {
    const edits = byItem.get(row.itemNum);
    const next = edits ? applyQueuedEdits(row, edits, today) : row;
    if (next !== row) changed = true;
    return next;
  });
  return changed ? out : rows;
}

/** The waiting edits of one item, in the order they were queued. */
export function queuedEditsOf(
  ops: readonly QueuedOp[],
  scope: QueuedOpScope,
  itemNum: number,
): QueuedUpdate[] {
  return waitingEdits(ops, scope).get(itemNum) ?? [];
}

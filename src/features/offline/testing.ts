/** Queued ops for the offline tests: waiting, made by user u1 in acme/p1, numbered in queue order. */
import type { QueuedOp } from "@/contracts/offline-queue";

export const scope = { orgSlug: "acme", projectId: "p1" };

let n = 0;
const common = (over: Partial<QueuedOp> = {}) => ({
  id: `op${++n}`,
  seq: n,
  createdAt: 0,
  userId: "u1",
  scope,
  label: "x",
  attempts: 0,
  nextAttemptAt: 0,
  state: "pending" as const,
  ...over,
});

/** An item edit made on version 3. */
export const update = (
  itemNum: number,
  changes: Record<string, unknown>,
  over: Partial<QueuedOp> = {},
): QueuedOp => ({ ...common(over), kind: "update", itemNum, version: 3, changes, ...over }) as QueuedOp;
export const note = (itemNum: number, over: Partial<QueuedOp> = {}): QueuedOp =>
  ({ ...common(over), kind: "note", itemNum, content: "hi", ...over }) as QueuedOp;
export const create = (over: Partial<QueuedOp> = {}): QueuedOp =>
  ({ ...common(over), kind: "create", input: { type: "Risk", title: "t" }, ...over }) as QueuedOp;

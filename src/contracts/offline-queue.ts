import { z } from "zod";

/**
 * Changes made without a network, kept on the device (IndexedDB) until they
 * are sent through the normal tRPC mutations (SPEC §14). The payloads are
 * checked again by the server's own schemas when sent; this schema only
 * guards what is read back from the device (an older app version may have
 * written it).
 */
const ZScope = z.object({ orgSlug: z.string().min(1), projectId: z.string().min(1) });

const ZCommon = z.object({
  id: z.string().min(1),
  /** Order of queuing: ops are sent in this order. */
  seq: z.number().int().nonnegative(),
  createdAt: z.number(),
  /** Who queued it: only sent while the same user is signed in on this device. */
  userId: z.string().min(1),
  scope: ZScope,
  /** What the pending list shows ("Edit #12: title"). */
  label: z.string(),
  attempts: z.number().int().nonnegative(),
  nextAttemptAt: z.number(),
  state: z.enum(["pending", "conflict", "failed"]),
  error: z.string().optional(),
});

export const ZQueuedOp = z.discriminatedUnion("kind", [
  ZCommon.extend({
    kind: z.literal("update"),
    itemNum: z.number().int().positive(),
    /** The version the edit was made against (a newer one on the server is a conflict). */
    version: z.number().int().positive(),
    changes: z.record(z.string(), z.unknown()),
    /** The editor's values before the edit (for the conflict view's "they changed"). */
    base: z.record(z.string(), z.unknown()).optional(),
  }),
  ZCommon.extend({
    kind: z.literal("note"),
    itemNum: z.number().int().positive(),
    content: z.string(),
    /** The day it was written (YYYY-MM-DD), not the day it is sent. */
    date: z.string().optional(),
  }),
  ZCommon.extend({
    kind: z.literal("create"),
    input: z.record(z.string(), z.unknown()),
  }),
]);

export type QueuedOp = z.infer<typeof ZQueuedOp>;
export type QueuedOpScope = z.infer<typeof ZScope>;

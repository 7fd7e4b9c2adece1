"use client";

import { useCallback, useSyncExternalStore } from "react";
import type { QueuedOp, QueuedOpScope } from "@/contracts/offline-queue";
import { errorInfo } from "@/lib/trpc-error";
import { useAppSession } from "@/lib/use-app-session";
import { offlineQueue, type NewOp } from "./queue-store";

const NONE: readonly QueuedOp[] = [];

/** Every op on this device (all users; filter by `userId`). Empty during SSR. */
export function useQueuedOps(): readonly QueuedOp[] {
  const q = offlineQueue();
  return useSyncExternalStore(q.subscribe, q.getSnapshot, () => NONE);
}

/** The signed-in user's ops (nothing else is ever sent for them). */
export function useMyQueuedOps(): QueuedOp[] {
  const ops = useQueuedOps();
  const { user } = useAppSession();
  // Signed-in user unknown (a session check failed offline): what is on this device is still shown.
  return user ? ops.filter((o) => o.userId === user.id) : [...ops];
}

/**
 * True when a change should be queued instead of sent: the browser reports no
 * network (and, after a failed send, the request got no answer). A failure
 * while the browser says it is online stays an error, as before.
 */
export function isOfflineFailure(err?: unknown): boolean {
  if (typeof navigator === "undefined" || navigator.onLine) return false;
  return err === undefined || errorInfo(err).code === null;
}

/** Queues a change for the signed-in user; returns null when nobody is signed in. */
export function useEnqueue() {
  const { user } = useAppSession();
  const userId = user?.id ?? null;
  return useCallback(
    async (op: DistributiveOmit<NewOp, "userId">): Promise<QueuedOp | null> =>
      userId ? offlineQueue().add({ ...op, userId }) : null,
    [userId],
  );
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

const sameScope = (a: QueuedOpScope, b: QueuedOpScope) =>
  a.orgSlug === b.orgSlug && a.projectId === b.projectId;

/** The queued edit of this item that met a newer version on the server (the conflict view shows it). */
export function useQueuedConflict(scope: QueuedOpScope, itemNum: number) {
  return useMyQueuedOps().find(
    (o): o is Extract<QueuedOp, { kind: "update" }> =>
      o.kind === "update" && o.state === "conflict" && o.itemNum === itemNum && sameScope(o.scope, scope),
  );
}

/** Notes on this item waiting to be sent. */
export function useQueuedNotes(scope: QueuedOpScope, itemNum: number) {
  return useMyQueuedOps().filter(
    (o): o is Extract<QueuedOp, { kind: "note" }> =>
      o.kind === "note" && o.itemNum === itemNum && sameScope(o.scope, scope),
  );
}

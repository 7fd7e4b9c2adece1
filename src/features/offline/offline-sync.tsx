"use client";

import { useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { useToast } from "@/components/ui/toast";
import type { TCreateItem, TUpdateItem } from "@/contracts/item";
import type { QueuedOpScope } from "@/contracts/offline-queue";
import { replaceListedRow } from "@/lib/item-list-cache";
import { errorInfo } from "@/lib/trpc-error";
import { useAppSession } from "@/lib/use-app-session";
import { refreshAfter } from "@/trpc/query-client";
import { readTrpcKey } from "@/trpc/stale-after";
import { api } from "@/trpc/react";
import { nextDueAt, nextOp, outcomeOf, type QueuedOp } from "./queue-model";
import { offlineQueue } from "./queue-store";

/** The procedure each kind of queued change is sent through. */
const PROCEDURE = { update: "item.update", note: "item.addNote", create: "item.create" } as const;

/** Sends one op through the normal mutation; an item edit returns the item it saved. */
async function send(client: ReturnType<typeof api.useUtils>["client"], op: QueuedOp) {
  switch (op.kind) {
    case "update": {
      const input = {
        ...op.changes,
        ...op.scope,
        itemNum: op.itemNum,
        version: op.version,
      } as TUpdateItem & {
        orgSlug: string;
        projectId: string;
      };
      return await client.item.update.mutate(input);
    }
    case "note":
      await client.item.addNote.mutate({
        ...op.scope,
        itemNum: op.itemNum,
        content: op.content,
        ...(op.date ? { date: op.date } : {}),
      });
      return undefined;
    case "create": {
      // The op's id makes the send idempotent when the create itself carries none (queued before ids).
      const input = op.input as TCreateItem;
      await client.item.create.mutate({ ...input, requestId: input.requestId ?? op.id, ...op.scope });
      return undefined;
    }
  }
}

/**
 * Puts a saved item in place of the copies cached for its project — its row in
 * every item.list and its item.get — so nothing flashes back to the old copy
 * between the edit leaving the queue and the refetch.
 */
function showSaved(
  queryClient: QueryClient,
  scope: QueuedOpScope,
  saved: { itemNum: number; version: number },
) {
  const inProject = (input: unknown) => {
    const i = input as Partial<QueuedOpScope & { itemNum: number }> | undefined;
    return i?.orgSlug === scope.orgSlug && i?.projectId === scope.projectId;
  };
  queryClient.setQueriesData(
    {
      predicate: (query) => {
        const key = readTrpcKey(query.queryKey);
        return key?.path.join(".") === "item.list" && inProject(key.input);
      },
    },
    (data: unknown) => replaceListedRow(data, saved),
  );
  queryClient.setQueriesData(
    {
      predicate: (query) => {
        const key = readTrpcKey(query.queryKey);
        return (
          key?.path.join(".") === "item.get" &&
          inProject(key.input) &&
          (key.input as { itemNum?: number }).itemNum === saved.itemNum
        );
      },
    },
    (data: { version: number } | undefined) =>
      data && data.version <= saved.version ? { ...data, ...saved } : data,
  );
}

/**
 * Sends what was queued on this device (see queue-model.ts for the rules):
 * at start, when the network comes back (`online`), and when a retry is due.
 * A version conflict opens the item editor, which shows the conflict view.
 * Mount once per page (the org shell).
 */
export function OfflineSync() {
  const utils = api.useUtils();
  const queryClient = useQueryClient();
  const router = useRouter();
  const toast = useToast();
  const { user } = useAppSession();
  const userId = user?.id ?? null;

  useEffect(() => {
    if (!userId) return;
    const queue = offlineQueue();
    let running = false;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const schedule = () => {
      clearTimeout(timer);
      const due = nextDueAt(queue.getSnapshot(), userId);
      if (due !== null && !stopped) timer = setTimeout(kick, Math.max(0, due - Date.now()) + 50);
    };

    async function kick() {
      if (running || stopped || !navigator.onLine) return;
      running = true;
      try {
        await queue.load();
        for (;;) {
          if (stopped || !navigator.onLine) break;
          const op = nextOp(queue.getSnapshot(), userId!, Date.now());
          if (!op) break;
          queue.inFlight = op.id;
          try {
            const saved = await send(utils.client, op);
            queue.inFlight = null;
            // The lists show the queued edit until it leaves the queue: put the saved copy in
            // their place first, so the row does not flash back to the old copy meanwhile.
            if (saved) showSaved(queryClient, op.scope, saved);
            await queue.succeeded(op.id, saved?.version);
            void refreshAfter(queryClient, PROCEDURE[op.kind], op.scope);
          } catch (err) {
            queue.inFlight = null;
            const info = errorInfo(err);
            const outcome = outcomeOf(info.code);
            await queue.failed(op.id, outcome, info.message);
            if (outcome === "retry") break;
            if (outcome === "conflict" && op.kind === "update") {
              toast.error(
                `Item #${op.itemNum} was changed by someone else`,
                "Your offline edit was not saved. Review both versions.",
              );
              void refreshAfter(queryClient, PROCEDURE[op.kind], op.scope);
              router.push(`/o/${op.scope.orgSlug}/p/${op.scope.projectId}?item=${op.itemNum}`, {
                scroll: false,
              });
            } else {
              toast.error("A change made offline was refused", `${op.label}: ${info.message}`);
            }
          }
        }
      } finally {
        running = false;
        schedule();
      }
    }

    const onOnline = () => {
      queue.wake();
      void kick();
    };
    window.addEventListener("online", onOnline);
    const unsubscribe = queue.subscribe(() => {
      if (!running) void kick();
    });
    void kick();
    return () => {
      stopped = true;
      clearTimeout(timer);
      unsubscribe();
      window.removeEventListener("online", onOnline);
    };
  }, [userId, utils, queryClient, router, toast]);

  return null;
}

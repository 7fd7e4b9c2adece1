"use client";

/**
 * Optimistic quick edits (percent complete, assignee) from the All items table:
 * the cached list pages change at once, `item.update` runs with the row's
 * version, a failure rolls the row back (a CONFLICT shows the current item
 * instead) and ends in a toast; afterwards what an item.update makes stale
 * (src/trpc/stale-after.ts) is refetched so indicators and counts recompute.
 */
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { useToast } from "@/components/ui/toast";
import { localToday } from "@/lib/format";
import {
  describeQuickEdit,
  patchRow,
  type QuickEditChanges,
  replaceRow,
  rollbackRow,
} from "@/lib/item-list-cache";
import { errorInfo } from "@/lib/trpc-error";
import { refreshAfter } from "@/trpc/query-client";
import { api, type RouterInputs, type RouterOutputs } from "@/trpc/react";
import { isOfflineFailure, useEnqueue } from "@/features/offline/use-offline-queue";

type ListInput = Omit<RouterInputs["item"]["list"], "cursor">;
type Row = RouterOutputs["item"]["list"]["items"][number];

/** `listInput` must be stable (memoised): it is the key of the cached pages that change. */
export function useItemQuickEdit(listInput: ListInput) {
  const utils = api.useUtils();
  const queryClient = useQueryClient();
  const toast = useToast();
  const { orgSlug, projectId } = listInput;
  // Item number → the changes being saved for it.
  const [pending, setPending] = useState<ReadonlyMap<number, QuickEditChanges>>(() => new Map());
  const enqueue = useEnqueue();

  const save = useCallback(
    async (row: Row, changes: QuickEditChanges) => {
      const { itemNum, version } = row;
      setPending((m) => new Map(m).set(itemNum, changes));
      // A refetch landing now would overwrite the optimistic row with the old one.
      await utils.item.list.cancel({ orgSlug, projectId });
      const undo: { previous?: Row; optimistic?: Row } = {};
      utils.item.list.setInfiniteData(listInput, (data) => {
        const patch = patchRow(data, itemNum, changes, localToday());
        undo.previous = patch.previous;
        undo.optimistic = patch.optimistic;
        return patch.data;
      });
      // No network: the change stays on the row and is queued on this device.
      let queued = false;
      const queueIt = async () => {
        const op = await enqueue({
          kind: "update",
          scope: { orgSlug, projectId },
          itemNum,
          version,
          changes: { ...changes },
          label: `Edit #${itemNum}: ${describeQuickEdit(changes)}`,
        });
        if (op)
          toast.toast({
            kind: "info",
            title: `Kept on this device: item #${itemNum}`,
            description: "Sent when you are back online.",
          });
        queued = !!op;
        return queued;
      };
      try {
        if (isOfflineFailure() && (await queueIt())) return;
        const saved = await utils.client.item.update.mutate({
          orgSlug,
          projectId,
          itemNum,
          version,
          ...changes,
        });
        utils.item.list.setInfiniteData(listInput, (data) => replaceRow(data, saved));
        toast.success(`Saved item #${itemNum}`, describeQuickEdit(changes));
      } catch (err) {
        if (isOfflineFailure(err) && (await queueIt())) return;
        const info = errorInfo(err);
        const current = info.details?.current as Row | null | undefined;
        if (info.code === "CONFLICT" && current) {
          // Someone else saved first: show their copy rather than ours or the stale one.
          utils.item.list.setInfiniteData(listInput, (data) => replaceRow(data, current));
          toast.error(
            `Item #${itemNum} was changed by someone else`,
            "Your change was not saved. The row now shows their version; try again.",
          );
        } else {
          const { previous, optimistic } = undo;
          if (previous && optimistic)
            utils.item.list.setInfiniteData(listInput, (data) => rollbackRow(data, previous, optimistic));
          toast.error(`Couldn't save item #${itemNum}`, info.message);
        }
      } finally {
        setPending((m) => {
          const next = new Map(m);
          next.delete(itemNum);
          return next;
        });
        // Queued: a refetch now would answer with the copy from before the change.
        if (!queued) {
          void refreshAfter(queryClient, "item.update", { orgSlug, projectId });
        }
      }
    },
    [utils, queryClient, toast, orgSlug, projectId, listInput, enqueue],
  );

  /** The changes being saved for this item, if a save is under way. */
  const saving = useCallback((itemNum: number) => pending.get(itemNum), [pending]);
  return { save, saving };
}

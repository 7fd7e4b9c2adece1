"use client";

import { useCallback } from "react";
import { useToast } from "@/components/ui/toast";
import { api } from "@/trpc/react";

/** "Item #N deleted" with an Undo that restores it (the restore refreshes the views like any change). */
export function useItemDeletedToast(scope: { orgSlug: string; projectId: string }) {
  const toast = useToast();
  const restore = api.item.restore.useMutation();
  const { orgSlug, projectId } = scope;
  const { mutateAsync } = restore;
  return useCallback(
    (itemNum: number, title: string) =>
      toast.toast({
        kind: "success",
        title: `Item #${itemNum} deleted`,
        description: title,
        action: {
          label: "Undo",
          onClick: () => {
            mutateAsync({ orgSlug, projectId, itemNum })
              .then(() => toast.success(`Item #${itemNum} restored`))
              .catch(() => toast.error(`Couldn't restore item #${itemNum}`));
          },
        },
      }),
    [toast, mutateAsync, orgSlug, projectId],
  );
}

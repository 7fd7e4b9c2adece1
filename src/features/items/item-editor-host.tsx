"use client";

import { useSearchParams } from "next/navigation";
import { useQueryState } from "nuqs";
import { useCallback, useMemo, useState } from "react";
import { ItemEditorDialog } from "./item-editor-dialog";
import { useItemDeletedToast } from "./use-item-deleted-toast";
import { api } from "@/trpc/react";
import { parseAsItemNum } from "@/lib/url-parsers";
import { itemStep, markItemEntry, onItemEntry } from "@/lib/url-state";

/**
 * The item open in the editor lives in the URL (`?item=12`), on All items and
 * the other views, so a view with an item open can be linked and reloaded.
 * Other query parameters (filters, zoom, …) are kept. On desktop opening an
 * item is a history entry of its own, so Back closes it (see itemStep).
 *
 * On phones the editor, once open, pushes its own Back entry (useBackToClose)
 * with the URL of the moment. nuqs writes the URL a tick after its state
 * changes (and drops what it has not written when someone else pushes), so an
 * item opened on a phone is shown once the router has taken in `?item=`.
 */
export function useOpenItem() {
  const [urlItem, setItemNum] = useQueryState("item", parseAsItemNum);
  const committed = useSearchParams().get("item");
  const [writing, setWriting] = useState<number | null>(null);
  if (writing !== null && (committed === String(writing) || urlItem !== writing)) setWriting(null);
  const itemNum = writing !== null && committed !== String(writing) ? null : urlItem;

  const setItem = useCallback(
    (n: number | null) => {
      const step = itemStep(n, onItemEntry());
      if (step === "back") {
        window.history.back();
        return;
      }
      const gate = n !== null && step.history === "replace" && !step.mark && urlItem === null;
      if (gate) setWriting(n);
      void setItemNum(n, { history: step.history }).then(() => {
        if (step.mark) markItemEntry();
      });
    },
    [setItemNum, urlItem],
  );
  return useMemo(
    () => ({ itemNum, open: (n: number) => setItem(n), close: () => setItem(null) }),
    [itemNum, setItem],
  );
}

/**
 * The All-items editor dialog, reused as is. Loads the role and workstreams
 * (project.get, usually already cached) and the assignee suggestions only
 * once an item is opened.
 */
export function ItemEditorHost({
  orgSlug,
  projectId,
  itemNum,
  onClose,
}: {
  orgSlug: string;
  projectId: string;
  itemNum: number | null;
  onClose: () => void;
}) {
  const scope = { orgSlug, projectId };
  const project = api.project.get.useQuery(scope);
  const facets = api.item.facets.useQuery(scope, { enabled: itemNum !== null, staleTime: 60_000 });
  const workstreams = useMemo(() => project.data?.workstreams.map((w) => w.name) ?? [], [project.data]);
  const assignees = facets.data?.assignees ?? [];

  const onDeleted = useItemDeletedToast(scope);

  if (!project.data?.role) return null;
  return (
    <ItemEditorDialog
      orgSlug={orgSlug}
      projectId={projectId}
      itemNum={itemNum}
      role={project.data.role}
      workstreams={workstreams}
      assignees={assignees}
      onClose={onClose}
      onDeleted={onDeleted}
    />
  );
}

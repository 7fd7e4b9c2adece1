"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { ItemEditorDialog } from "./item-editor-dialog";
import { useItemDeletedToast } from "./use-item-deleted-toast";
import { api } from "@/trpc/react";
import { setItemParam } from "@/lib/url-state";

/**
 * The item open in the editor lives in the URL (`?item=12`), as on the All
 * items page, so a view with an item open can be linked and reloaded.
 * Other query parameters (zoom, …) are kept. On desktop opening an item is a
 * history entry of its own, so Back closes it (see setItemParam).
 */
export function useOpenItem() {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const raw = Number(searchParams.get("item"));
  const itemNum = Number.isInteger(raw) && raw > 0 ? raw : null;

  const setItem = useCallback(
    (n: number | null) => {
      setItemParam(pathname, new URLSearchParams(searchParams), n);
    },
    [pathname, searchParams],
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

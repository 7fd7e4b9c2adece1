"use client";

import { useCallback, useEffect, useMemo, useState } from "react";
import { QueryError } from "@/components/query-error";
import { NotSentBadge } from "@/components/ui/badges";
import { Button } from "@/components/ui/button";
import { LoadingRegion, Skeleton } from "@/components/ui/skeleton";
import { type ProjectRole } from "@/domain/permissions";
import { applyQueuedEdits, queuedEditsOf } from "@/features/offline/queued-edits";
import { useMyQueuedOps } from "@/features/offline/use-offline-queue";
import { localToday } from "@/lib/format";
import { errorInfo } from "@/lib/trpc-error";
import { api } from "@/trpc/react";
import type { Scope } from "./item-editor-types";
import { EditorForm } from "./item-editor-form";
import { GuardedItemDialog, useDiscardGuard } from "./use-discard-guard";

/** What the phone header's Save button shows (the form lives further down). */
export type SaveState = { formId: string; label: string; saving: boolean; disabled: boolean };

/**
 * The item editor: a dialog on desktop; on phones a full-screen page with a
 * back arrow, the title and Save in a sticky header, Delete / Cancel in a
 * sticky footer, and the phone's Back button closing it (its own history entry).
 * The open item stays in the URL (`?item=12`) so deep links keep working.
 */
export function ItemEditorDialog({
  orgSlug,
  projectId,
  itemNum,
  role,
  workstreams,
  assignees,
  onClose,
  onReopen,
  onDeleted,
}: Scope & {
  itemNum: number | null;
  role: ProjectRole;
  workstreams: string[];
  assignees: string[];
  onClose: () => void;
  /** Puts the item back in the URL (after the browser's Back took it out with edits unsaved). */
  onReopen?: (itemNum: number) => void;
  onDeleted: (itemNum: number, title: string) => void;
}) {
  // Closing hides the editor at once; the URL (?item=) catches up when the router has navigated.
  const [closedFor, setClosedFor] = useState<number | null>(null);
  if (closedFor !== null && itemNum !== closedFor) setClosedFor(null);
  // The browser's Back on a desktop takes ?item= out of the URL. With unsaved edits the item stays
  // open (the form is never unmounted), goes back into the URL, and the discard question is asked.
  const [last, setLast] = useState(itemNum);
  if (itemNum !== null && itemNum !== last) setLast(itemNum);
  const [dirty, setDirty] = useState(false);
  const backedOut = itemNum === null && dirty && last !== null && closedFor !== last;
  const shown = itemNum ?? (backedOut ? last : null);
  const open = shown !== null && shown !== closedFor;
  const close = () => {
    setClosedFor(shown);
    setDirty(false);
    onClose();
  };
  useEffect(() => {
    if (closedFor === null) return;
    // Reopening the same item before the URL caught up: follow the URL again.
    const follow = () => setClosedFor(null);
    document.addEventListener("click", follow, true);
    return () => document.removeEventListener("click", follow, true);
  }, [closedFor]);
  const item = api.item.get.useQuery(
    { orgSlug, projectId, itemNum: shown ?? 1 },
    { enabled: open, staleTime: 0, refetchOnWindowFocus: false },
  );
  // Edits of this item made offline and not sent yet are shown (and built on) here too.
  const queuedOps = useMyQueuedOps();
  const shownItem = useMemo(
    () =>
      item.data &&
      applyQueuedEdits(
        item.data,
        queuedEditsOf(queuedOps, { orgSlug, projectId }, item.data.itemNum),
        localToday(),
      ),
    [item.data, queuedOps, orgSlug, projectId],
  );
  const [save, setSave] = useState<SaveState | null>(null);
  const guard = useDiscardGuard(open, close, {
    question: "Discard your unsaved changes?",
    detail: "Your changes to this item have not been saved.",
  });
  const { ask, setDirty: guardDirty } = guard;
  const onDirty = useCallback(
    (d: boolean) => {
      guardDirty(d);
      setDirty(d);
    },
    [guardDirty],
  );
  useEffect(() => {
    if (!backedOut || last === null) return;
    onReopen?.(last);
    ask();
  }, [backedOut, last, onReopen, ask]);

  return (
    <GuardedItemDialog
      guard={guard}
      open={open}
      title={shown !== null ? `Item #${shown}` : "Item"}
      description={
        shownItem ? (
          <span className="flex items-center gap-2">
            <span className="line-clamp-1 break-all">{shownItem.title}</span>
            {shownItem.queued && <NotSentBadge />}
          </span>
        ) : undefined
      }
      headerActions={
        save && shownItem ? (
          // Phones only; the footer holds Save from `sm` up.
          <Button
            type="submit"
            form={save.formId}
            size="sm"
            className="sm:hidden"
            loading={save.saving}
            disabled={save.disabled}
          >
            {save.label}
          </Button>
        ) : undefined
      }
    >
      {item.isPending ? (
        <LoadingRegion label="Loading item" className="flex flex-col gap-4">
          <Skeleton className="h-6 w-1/3" />
          <div className="grid gap-4 sm:grid-cols-2">
            {Array.from({ length: 6 }, (_, i) => (
              <div key={i} className="flex flex-col gap-2">
                <Skeleton className="h-4 w-20" />
                <Skeleton className="h-10 w-full" />
              </div>
            ))}
          </div>
        </LoadingRegion>
      ) : item.isError ? (
        <QueryError
          what={`item #${shown}`}
          error={
            errorInfo(item.error).code === "NOT_FOUND"
              ? { message: "It may have been deleted, or you no longer have access." }
              : item.error
          }
          onRetry={() => void item.refetch()}
        />
      ) : (
        <EditorForm
          key={`${shown}`}
          scope={{ orgSlug, projectId }}
          item={shownItem!}
          role={role}
          workstreams={workstreams}
          assignees={assignees}
          onDirty={onDirty}
          onSaveState={setSave}
          onClose={guard.closeNow}
          onCancel={guard.requestClose}
          onDeleted={onDeleted}
        />
      )}
    </GuardedItemDialog>
  );
}

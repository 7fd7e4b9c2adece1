"use client";

import { Pencil, Plus, Trash2 } from "lucide-react";
import { useState } from "react";
import { QueryError } from "@/components/query-error";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { LoadingRegion, Skeleton } from "@/components/ui/skeleton";
import { TableHead } from "@/components/ui/table-head";
import { useToast } from "@/components/ui/toast";
import { errorInfo } from "@/lib/trpc-error";
import { BUDGET_TABLE_HEAD } from "./table-style";

/**
 * The scaffolding of the budget's record panels (allocations, timesheets,
 * rate card): which entry is being added / edited / deleted, the delete with
 * its confirmation, the section with its header, the loading / error / empty
 * states and the table with its row actions.
 */

type WithId = { id: string };

/**
 * The panel's editor and delete state. `remove` deletes an entry (pending
 * while `removePending`); on success `removed`
 * gives the toast, on failure the toast is `removeFailed` with the server's
 * message.
 */
export function useEntryPanel<Entry extends WithId>({
  remove,
  removePending,
  removed,
  removeFailed,
}: {
  remove: (entry: Entry) => Promise<unknown>;
  removePending: boolean;
  removed: (entry: Entry) => [title: string, description: string];
  removeFailed: string;
}) {
  const toast = useToast();
  const [editing, setEditing] = useState<Entry | "new" | null>(null);
  const [deleting, setDeleting] = useState<Entry | null>(null);

  const confirmDelete = async () => {
    if (!deleting) return;
    try {
      await remove(deleting);
      toast.success(...removed(deleting));
      setDeleting(null);
    } catch (err) {
      toast.error(removeFailed, errorInfo(err).message);
    }
  };

  return {
    add: () => setEditing("new"),
    edit: (entry: Entry) => setEditing(entry),
    askDelete: (entry: Entry) => setDeleting(entry),
    /** Props for the panel's add / edit dialog. */
    editor: {
      open: editing !== null,
      onClose: () => setEditing(null),
      entry: editing === "new" ? null : editing,
    },
    deleting,
    deletePending: removePending,
    confirmDelete,
    cancelDelete: () => setDeleting(null),
  };
}

type Panel<Entry extends WithId> = ReturnType<typeof useEntryPanel<Entry>>;

/** The primary "Add …" button of a panel's header. */
function AddButton({ onClick, children }: { onClick: () => void; children: React.ReactNode }) {
  return (
    <Button onClick={onClick}>
      <Plus className="size-4" aria-hidden="true" />
      {children}
    </Button>
  );
}

/**
 * A panel: heading (`${id}-title`), description and the header's `actions`
 * followed (for editors) by the Add button; then the query's error, loading or
 * empty state, or else `children`; then the `note`. For editors it also holds
 * the add / edit dialog (`editor`) and the delete confirmation of the panel's
 * entries (`deletion`: its title, button and what goes).
 */
export function EntryPanel<Entry extends WithId>({
  id,
  title,
  description,
  actions,
  query,
  what,
  loadingLabel,
  skeletonClassName = "h-40",
  isEmpty,
  empty,
  note,
  panel,
  canEdit,
  addLabel,
  editor,
  deletion,
  children,
}: {
  id: string;
  title: string;
  description: React.ReactNode;
  /** What the header shows before the Add button (filters, other buttons). */
  actions?: React.ReactNode;
  query: { error: unknown; isPending: boolean; refetch: () => Promise<unknown> };
  /** For the error: "Couldn't load {what}." */
  what: string;
  loadingLabel: string;
  /** The loading skeleton's height. */
  skeletonClassName?: string;
  isEmpty: boolean;
  /** The text shown when there are no entries. */
  empty: React.ReactNode;
  note?: React.ReactNode;
  panel: Panel<Entry>;
  /** Whether there are the Add button, the editor and the delete confirmation. */
  canEdit: boolean;
  addLabel: string;
  editor: React.ReactNode;
  deletion: { title: string; confirmLabel: string; body: (entry: Entry) => React.ReactNode };
  children: React.ReactNode;
}) {
  return (
    <section aria-labelledby={`${id}-title`} className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id={`${id}-title`} className="text-base font-semibold text-slate-900">
            {title}
          </h2>
          <p className="text-sm text-slate-600">{description}</p>
        </div>
        <div className="flex flex-wrap items-end gap-2">
          {actions}
          {canEdit && <AddButton onClick={panel.add}>{addLabel}</AddButton>}
        </div>
      </div>

      {query.error ? (
        <QueryError error={query.error} what={what} onRetry={() => void query.refetch()} />
      ) : query.isPending ? (
        <LoadingRegion label={loadingLabel}>
          <Skeleton className={`${skeletonClassName} w-full rounded-lg`} />
        </LoadingRegion>
      ) : isEmpty ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-8 text-center text-sm text-slate-600">
          {empty}
        </p>
      ) : (
        children
      )}
      {note}
      {canEdit && (
        <>
          {editor}
          <ConfirmDialog
            open={panel.deleting !== null}
            danger
            title={deletion.title}
            confirmLabel={deletion.confirmLabel}
            pending={panel.deletePending}
            onConfirm={() => void panel.confirmDelete()}
            onClose={panel.cancelDelete}
          >
            {panel.deleting && deletion.body(panel.deleting)}
          </ConfirmDialog>
        </>
      )}
    </section>
  );
}

export type Column = { label: string; numeric?: boolean };

/**
 * The entries as a table: column headings (plus a hidden "Actions" one when
 * `actions`), a row per entry with `cells`, and an optional footer.
 */
export function EntryTable<Entry extends object>({
  minWidth,
  columns,
  actions = false,
  rows,
  rowKey = (entry) => (entry as Partial<WithId>).id!,
  cells,
  foot,
}: {
  /** The table's min-width class, e.g. "min-w-[40rem]". */
  minWidth: string;
  columns: readonly Column[];
  actions?: boolean;
  rows: readonly Entry[];
  /** The row's React key; by default the entry's `id` (rows without one must give this). */
  rowKey?: (entry: Entry) => string;
  cells: (entry: Entry) => React.ReactNode;
  foot?: React.ReactNode;
}) {
  return (
    <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className={`w-full ${minWidth} text-sm`}>
        <TableHead
          {...BUDGET_TABLE_HEAD}
          columns={[
            ...columns,
            ...(actions ? [{ label: <span className="sr-only">Actions</span>, key: "actions" }] : []),
          ]}
        />
        <tbody className="divide-y divide-slate-100">
          {rows.map((e) => (
            <tr key={rowKey(e)} className="hover:bg-slate-50">
              {cells(e)}
            </tr>
          ))}
        </tbody>
        {foot}
      </table>
    </div>
  );
}

/** A row's edit and delete buttons (none when `allowed` is false; the cell stays). */
export function RowActions<Entry extends WithId>({
  panel,
  entry,
  editLabel,
  deleteLabel,
  allowed = true,
}: {
  panel: Panel<Entry>;
  entry: Entry;
  editLabel: string;
  deleteLabel: string;
  allowed?: boolean;
}) {
  return (
    <td className="px-2 py-1 text-right whitespace-nowrap">
      {allowed && (
        <>
          <Button variant="ghost" size="sm" onClick={() => panel.edit(entry)} aria-label={editLabel}>
            <Pencil className="size-4" aria-hidden="true" />
          </Button>
          <Button variant="ghost" size="sm" onClick={() => panel.askDelete(entry)} aria-label={deleteLabel}>
            <Trash2 className="size-4" aria-hidden="true" />
          </Button>
        </>
      )}
    </td>
  );
}

"use client";

import { LoaderCircle, Pencil } from "lucide-react";
import { createContext, useContext } from "react";
import { DraftBadge, NotSentBadge } from "@/components/ui/badges";
import { cn } from "@/lib/cn";
import type { QuickEditChanges } from "@/lib/item-list-cache";
import { type QuickEditKind } from "./item-quick-edit";
import type { ItemRow } from "./items-table";

/** Per-row state the cells read (keeps the column definitions static). */
export type RowUi = {
  item: ItemRow;
  /** The row in the tab order: its buttons are tabbable too. */
  active: boolean;
  editable: boolean;
  saving: QuickEditChanges | undefined;
  onOpen: (itemNum: number) => void;
  onQuickEdit: (kind: QuickEditKind, item: ItemRow, anchor: HTMLElement) => void;
};
export const RowUiContext = createContext<RowUi | null>(null);
function useRowUi(): RowUi {
  const ui = useContext(RowUiContext);
  if (!ui) throw new Error("cells render inside an items table row");
  return ui;
}

export const Dash = () => <span className="text-slate-500">—</span>;

export function TitleCell() {
  const { item, active, onOpen } = useRowUi();
  return (
    <div className="flex items-start gap-2">
      <button
        type="button"
        tabIndex={active ? 0 : -1}
        onClick={() => onOpen(item.itemNum)}
        className="line-clamp-2 rounded text-left font-medium break-words text-slate-900 hover:text-blue-800 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
      >
        <span className="sr-only">Open item {item.itemNum}: </span>
        {item.title}
      </button>
      {item.draft && <DraftBadge />}
      {item.queued && <NotSentBadge />}
    </div>
  );
}

const quickButton = cn(
  "group/q -mx-1.5 inline-flex min-h-10 w-[calc(100%+0.75rem)] items-center gap-1 rounded-md px-1.5 text-left sm:min-h-8",
  "hover:bg-white hover:ring-1 hover:ring-slate-300 focus-visible:outline-2 focus-visible:outline-blue-600",
  // Touch screens cannot hover: the cell looks like a control from the start.
  "pointer-coarse:bg-white pointer-coarse:ring-1 pointer-coarse:ring-slate-200",
  "aria-expanded:bg-white aria-expanded:ring-1 aria-expanded:ring-blue-400",
);

function PencilHint({ pending }: { pending: boolean }) {
  return pending ? (
    <LoaderCircle className="ml-auto size-3.5 shrink-0 animate-spin text-blue-700" aria-hidden="true" />
  ) : (
    <Pencil
      className="ml-auto size-3.5 shrink-0 text-slate-400 opacity-0 group-hover/q:opacity-100 group-focus-visible/q:opacity-100 pointer-coarse:hidden"
      aria-hidden="true"
    />
  );
}

function ProgressValue({ pct }: { pct: number }) {
  return (
    <>
      <span
        aria-hidden="true"
        className="relative h-1.5 w-7 shrink-0 overflow-hidden rounded-full bg-slate-200"
      >
        <span
          className={cn(
            "absolute inset-y-0 left-0 rounded-full",
            pct >= 100 ? "bg-green-600" : "bg-blue-600",
          )}
          style={{ width: `${pct}%` }}
        />
      </span>
      <span className="tabular-nums" data-testid="percent">
        {pct}%
      </span>
    </>
  );
}

/** The cell button that opens a quick edit of `kind` for this row ("Change <what> of #N, now …"). */
function QuickEditButton({
  kind,
  what,
  pendingField,
  className,
  children,
}: {
  kind: QuickEditKind;
  what: string;
  /** True while a save of this cell's field is on its way. */
  pendingField: boolean;
  className?: string;
  children: React.ReactNode;
}) {
  const { item, active, saving, onQuickEdit } = useRowUi();
  const pending = !!saving;
  return (
    <button
      type="button"
      tabIndex={active ? 0 : -1}
      aria-haspopup="dialog"
      aria-busy={pending || undefined}
      aria-disabled={pending || undefined}
      data-quick-edit={kind}
      onClick={(e) => {
        if (!pending) onQuickEdit(kind, item, e.currentTarget);
      }}
      className={cn(quickButton, className)}
    >
      <span className="sr-only">
        Change {what} of #{item.itemNum}, now{" "}
      </span>
      {children}
      <PencilHint pending={pendingField} />
    </button>
  );
}

export function ProgressCell() {
  const { item, editable, saving } = useRowUi();
  if (!editable)
    return (
      <span className="inline-flex items-center gap-1.5 text-slate-700">
        <ProgressValue pct={item.percentComplete} />
      </span>
    );
  return (
    <QuickEditButton
      kind="percent"
      what="progress"
      pendingField={saving?.percentComplete !== undefined}
      className="text-slate-800"
    >
      <ProgressValue pct={item.percentComplete} />
    </QuickEditButton>
  );
}

export function AssigneeCell() {
  const { item, editable, saving } = useRowUi();
  if (!editable) return <span className="block truncate">{item.assignedTo ?? <Dash />}</span>;
  return (
    <QuickEditButton kind="assignee" what="assignee" pendingField={saving?.assignedTo !== undefined}>
      <span className="truncate">
        {item.assignedTo ?? <span className="text-slate-500">unassigned</span>}
      </span>
    </QuickEditButton>
  );
}

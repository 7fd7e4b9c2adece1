"use client";

import { flexRender, type Row } from "@tanstack/react-table";
import { memo, useMemo } from "react";
import { cn } from "@/lib/cn";
import { type SortBy } from "@/lib/item-filters";
import type { QuickEditChanges } from "@/lib/item-list-cache";
import type { ItemRow } from "./items-table";
import { LOOK } from "./items-table-columns";
import { type RowUi, RowUiContext } from "./items-table-cells";

const isInteractive = (e: React.SyntheticEvent) =>
  !!(e.target as HTMLElement).closest("button, a, input, select, textarea, label");

type RowProps = {
  row: Row<ItemRow>;
  index: number;
  active: boolean;
  editable: boolean;
  saving: QuickEditChanges | undefined;
  measure: (el: HTMLTableRowElement | null) => void;
  onOpen: (itemNum: number) => void;
  onQuickEdit: RowUi["onQuickEdit"];
  onRowKey: (e: React.KeyboardEvent<HTMLTableRowElement>, index: number, itemNum: number) => void;
  onActivate: (itemNum: number) => void;
  pointer: React.RefObject<string>;
  /** Not read here: the visible columns, in order; the memo must notice when the column menu changes them. */
  columnOrder: readonly string[];
};

export const ItemTableRow = memo(function ItemTableRow({
  row,
  index,
  active,
  editable,
  saving,
  measure,
  onOpen,
  onQuickEdit,
  onRowKey,
  onActivate,
  pointer,
}: RowProps) {
  const item = row.original;
  const ui = useMemo<RowUi>(
    () => ({ item, active, editable, saving, onOpen, onQuickEdit }),
    [item, active, editable, saving, onOpen, onQuickEdit],
  );
  return (
    <tr
      ref={measure}
      data-index={index}
      data-item-num={item.itemNum}
      data-item-row=""
      aria-rowindex={index + 2}
      tabIndex={active ? 0 : -1}
      onFocus={() => onActivate(item.itemNum)}
      onKeyDown={(e) => onRowKey(e, index, item.itemNum)}
      onPointerDown={(e) => {
        pointer.current = e.pointerType;
      }}
      onClick={(e) => {
        // A tap opens the item on touch screens; with a mouse a click only selects the row.
        if (pointer.current === "touch" && !isInteractive(e)) onOpen(item.itemNum);
      }}
      onDoubleClick={(e) => {
        if (!isInteractive(e)) onOpen(item.itemNum);
      }}
      className={cn(
        "group cursor-pointer outline-none select-none hover:bg-blue-50/50 sm:select-auto",
        // The cells draw the visible focus ring (browsers do not all paint an outline on a table row).
        "focus-visible:bg-blue-50 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-blue-600",
      )}
    >
      <RowUiContext.Provider value={ui}>
        {row.getVisibleCells().map((cell) => (
          <td
            key={cell.id}
            data-column={cell.column.id}
            className={cn(
              "h-12 border-b border-slate-100 px-2.5 py-1.5 align-middle",
              "group-focus-visible:shadow-[inset_0_2px_0_var(--color-blue-600),inset_0_-2px_0_var(--color-blue-600)]",
              "first:group-focus-visible:shadow-[inset_3px_0_0_var(--color-blue-600),inset_0_2px_0_var(--color-blue-600),inset_0_-2px_0_var(--color-blue-600)]",
              "last:group-focus-visible:shadow-[inset_-2px_0_0_var(--color-blue-600),inset_0_2px_0_var(--color-blue-600),inset_0_-2px_0_var(--color-blue-600)]",
              LOOK[cell.column.id as SortBy].td,
            )}
          >
            {flexRender(cell.column.columnDef.cell, cell.getContext())}
          </td>
        ))}
      </RowUiContext.Provider>
    </tr>
  );
});

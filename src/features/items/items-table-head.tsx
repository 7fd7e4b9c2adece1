"use client";

import { type SortingState, type useReactTable } from "@tanstack/react-table";
import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import { memo } from "react";
import { cn } from "@/lib/cn";
import { type SortBy } from "@/lib/item-filters";
import type { ItemRow } from "./items-table";
import { HEADER_HEIGHT, LOOK } from "./items-table-columns";

/**
 * Column widths and the sticky header with sort buttons. Memoised: the table re-renders on
 * every scroll frame, the header only when the sort or the column order changes (`table` is
 * one stable instance, so both are passed in to be compared).
 */
export const TableHead = memo(function TableHead({
  table,
  sorting,
}: {
  table: ReturnType<typeof useReactTable<ItemRow>>;
  sorting: SortingState;
  columnOrder: readonly string[];
}) {
  return (
    <>
      <colgroup>
        {table.getVisibleLeafColumns().map((c) => (
          <col key={c.id} className={LOOK[c.id as SortBy].col} />
        ))}
      </colgroup>
      <thead>
        {table.getHeaderGroups().map((group) => (
          <tr key={group.id} aria-rowindex={1} style={{ height: HEADER_HEIGHT }}>
            {group.headers.map((header) => {
              const s = sorting.find((x) => x.id === header.column.id);
              const sorted = s ? (s.desc ? "desc" : "asc") : false;
              const Icon = !sorted ? ArrowUpDown : sorted === "asc" ? ArrowUp : ArrowDown;
              const label = String(header.column.columnDef.header);
              return (
                <th
                  key={header.id}
                  scope="col"
                  data-column={header.column.id}
                  aria-sort={sorted ? (sorted === "asc" ? "ascending" : "descending") : undefined}
                  className={cn(
                    "sticky top-0 z-20 border-b border-slate-200 bg-slate-50 px-2.5 text-left text-xs font-semibold tracking-wide text-slate-700 uppercase",
                    LOOK[header.column.id as SortBy].th,
                  )}
                >
                  <button
                    type="button"
                    onClick={header.column.getToggleSortingHandler()}
                    className="-mx-1 inline-flex min-h-10 items-center gap-1 rounded px-1 uppercase hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-blue-600 sm:min-h-9"
                  >
                    {label}
                    <Icon
                      className={cn("size-3.5 shrink-0", sorted ? "text-blue-700" : "text-slate-400")}
                      aria-hidden="true"
                    />
                    <span className="sr-only">
                      {sorted ? `, sorted ${sorted === "asc" ? "ascending" : "descending"}` : ", sort"}
                    </span>
                  </button>
                </th>
              );
            })}
          </tr>
        ))}
      </thead>
    </>
  );
});

"use client";

import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import { DraftBadge, IndicatorBadge, TypeBadge, TypeIcon } from "@/components/ui/badges";
import { Skeleton } from "@/components/ui/skeleton";
import { cn } from "@/lib/cn";
import { formatDateTime, formatIsoDate, formatRelative } from "@/lib/format";
import type { SortBy, SortState } from "@/lib/item-filters";
import type { RouterOutputs } from "@/trpc/react";

export type ItemRow = RouterOutputs["item"]["list"]["items"][number];

const COLUMNS: { key: SortBy; label: string; className: string }[] = [
  { key: "itemNum", label: "#", className: "w-14 sm:w-16 sticky left-0 z-10 bg-slate-50" },
  { key: "type", label: "Type", className: "w-16 sm:w-36" },
  { key: "workstream", label: "Workstream", className: "w-36" },
  { key: "title", label: "Title", className: "min-w-60 sm:min-w-72" },
  { key: "assignedTo", label: "Assignee", className: "w-40" },
  { key: "severity", label: "Indicator", className: "w-48" },
  { key: "deadline", label: "Deadline", className: "w-32" },
  { key: "updatedAt", label: "Updated", className: "w-32" },
];

function SortHeader({
  col,
  sort,
  onSort,
}: {
  col: (typeof COLUMNS)[number];
  sort: SortState;
  onSort: (s: SortState) => void;
}) {
  const active = sort.by === col.key;
  const Icon = !active ? ArrowUpDown : sort.dir === "asc" ? ArrowUp : ArrowDown;
  return (
    <th
      scope="col"
      aria-sort={active ? (sort.dir === "asc" ? "ascending" : "descending") : undefined}
      className={cn(
        "px-3 py-2 text-left text-xs font-semibold tracking-wide text-slate-700 uppercase",
        col.className,
      )}
    >
      <button
        type="button"
        onClick={() =>
          onSort(
            active
              ? { by: col.key, dir: sort.dir === "asc" ? "desc" : "asc" }
              : { by: col.key, dir: col.key === "updatedAt" ? "desc" : "asc" },
          )
        }
        className="-mx-1 inline-flex min-h-9 items-center gap-1 rounded px-1 uppercase hover:text-slate-900"
      >
        {col.label}
        <Icon className={cn("size-3.5", active ? "text-blue-700" : "text-slate-400")} aria-hidden="true" />
        <span className="sr-only">
          {active ? `, sorted ${sort.dir === "asc" ? "ascending" : "descending"}` : ", sort"}
        </span>
      </button>
    </th>
  );
}

export function ItemsTable({
  rows,
  loading,
  sort,
  onSort,
  onOpen,
  caption,
  busy,
}: {
  rows: ItemRow[];
  loading: boolean;
  sort: SortState;
  onSort: (s: SortState) => void;
  onOpen: (itemNum: number) => void;
  caption: string;
  busy?: boolean;
}) {
  return (
    <div
      className={cn(
        "relative overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm transition-opacity",
        busy && "opacity-60",
      )}
    >
      <table
        className="w-full min-w-[56rem] border-collapse text-sm sm:min-w-[68rem]"
        aria-busy={loading || busy || undefined}
      >
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-slate-200 bg-slate-50">
          <tr>
            {COLUMNS.map((c) => (
              <SortHeader key={c.key} col={c} sort={sort} onSort={onSort} />
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {loading
            ? Array.from({ length: 6 }, (_, i) => (
                <tr key={i} aria-hidden="true">
                  {COLUMNS.map((c) => (
                    <td key={c.key} className="px-3 py-3.5">
                      <Skeleton className={cn("h-4", c.key === "title" ? "w-4/5" : "w-3/4")} />
                    </td>
                  ))}
                </tr>
              ))
            : rows.map((item) => (
                <tr
                  key={item.id}
                  onClick={(e) => {
                    // The title button handles its own clicks (and Enter).
                    if ((e.target as HTMLElement).closest("button")) return;
                    onOpen(item.itemNum);
                  }}
                  data-item-num={item.itemNum}
                  className="group cursor-pointer hover:bg-blue-50/50"
                >
                  <td className="sticky left-0 z-10 bg-white px-3 py-2.5 font-medium text-slate-600 tabular-nums group-hover:bg-blue-50">
                    {item.itemNum}
                  </td>
                  <td className="px-3 py-2.5">
                    <TypeBadge type={item.type} className="max-sm:hidden" />
                    <TypeIcon type={item.type} className="sm:hidden" />
                  </td>
                  <td className="px-3 py-2.5 text-slate-700">
                    {item.workstream ?? <span className="text-slate-500">—</span>}
                  </td>
                  <td className="px-3 py-2.5">
                    <div className="flex items-start gap-2">
                      <button
                        type="button"
                        onClick={() => onOpen(item.itemNum)}
                        className="line-clamp-2 rounded text-left font-medium break-words text-slate-900 hover:text-blue-800 hover:underline"
                      >
                        <span className="sr-only">Open item {item.itemNum}: </span>
                        {item.title}
                      </button>
                      {item.draft && <DraftBadge />}
                    </div>
                  </td>
                  <td className="px-3 py-2.5 text-slate-700">
                    {item.assignedTo ?? <span className="text-slate-500">—</span>}
                  </td>
                  <td className="px-3 py-2.5">
                    <IndicatorBadge indicator={item.indicator} />
                  </td>
                  <td className="px-3 py-2.5 whitespace-nowrap text-slate-700 tabular-nums">
                    {item.deadline ? formatIsoDate(item.deadline) : <span className="text-slate-500">—</span>}
                  </td>
                  <td className="px-3 py-2.5 whitespace-nowrap text-slate-700">
                    <time
                      dateTime={new Date(item.updatedAt).toISOString()}
                      title={formatDateTime(item.updatedAt)}
                      suppressHydrationWarning
                    >
                      {formatRelative(item.updatedAt)}
                    </time>
                  </td>
                </tr>
              ))}
        </tbody>
      </table>
    </div>
  );
}

"use client";

/**
 * All items on a phone: one card per item (number, title, indicator, due date,
 * assignee) instead of a table that scrolls sideways. A tap on a card opens the
 * item editor, as a row does. The sort is a select (there are no column
 * headers); nearing the end of the loaded cards fetches the next page.
 */
import { useEffect, useRef } from "react";
import { DraftBadge, IndicatorBadge, NotSentBadge, TypeIcon } from "@/components/ui/badges";
import { Skeleton } from "@/components/ui/skeleton";
import { cn } from "@/lib/cn";
import { formatIsoDate } from "@/lib/format";
import { DEFAULT_SORT, type SortState } from "@/lib/item-filters";
import type { ItemListProps } from "./items-table";
import { loadMoreButtonClasses, LoadMoreStatus, mayLoadMore } from "./load-more";

const SORTS: { value: string; label: string }[] = [
  { value: "itemNum:asc", label: "Item number" },
  { value: "itemNum:desc", label: "Newest first" },
  { value: "severity:asc", label: "Indicator, most urgent first" },
  { value: "deadline:asc", label: "Due date, soonest first" },
  { value: "finish:asc", label: "Finish, soonest first" },
  { value: "updatedAt:desc", label: "Recently updated" },
  { value: "title:asc", label: "Title A–Z" },
  { value: "assignedTo:asc", label: "Assignee A–Z" },
  { value: "percentComplete:desc", label: "Progress, most complete first" },
  { value: "riskScore:desc", label: "Risk score, highest first" },
];

export function ItemsCardList(props: ItemListProps) {
  const { rows, loading, busy, hasMore, fetchingMore, sort, onSort, onOpen, caption } = props;
  const current = `${sort.by}:${sort.dir}`;
  const options = SORTS.some((o) => o.value === current)
    ? SORTS
    : [
        ...SORTS,
        { value: current, label: `${sort.by} (${sort.dir === "asc" ? "ascending" : "descending"})` },
      ];

  return (
    <div className="flex flex-col gap-3" data-testid="items-cards">
      <label className="flex items-center gap-2 text-sm text-slate-700">
        Sort by
        <select
          value={current}
          onChange={(e) => {
            const [by, dir] = e.target.value.split(":") as [SortState["by"], SortState["dir"]];
            onSort(by ? { by, dir } : DEFAULT_SORT);
          }}
          className="min-h-11 flex-1 rounded-lg border border-slate-300 bg-white px-2 text-base text-slate-900"
        >
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </label>
      <ul
        aria-label={caption}
        aria-busy={loading || busy || fetchingMore || undefined}
        className={cn("flex flex-col gap-2 transition-opacity", busy && "opacity-60")}
      >
        {loading
          ? Array.from({ length: 6 }, (_, i) => (
              <li key={i} aria-hidden="true" className="rounded-xl border border-slate-200 bg-white p-3">
                <Skeleton className="h-4 w-4/5" />
                <Skeleton className="mt-3 h-4 w-1/2" />
              </li>
            ))
          : rows.map((row) => (
              <li key={row.id} data-item-num={row.itemNum} data-item-row="">
                <button
                  type="button"
                  onClick={() => onOpen(row.itemNum)}
                  className={cn(
                    "flex w-full flex-col gap-2 rounded-xl border border-slate-200 bg-white p-3 text-left shadow-sm",
                    "active:bg-blue-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600",
                  )}
                >
                  <span className="flex items-start gap-2">
                    <TypeIcon type={row.type} className="mt-0.5 shrink-0" />
                    <span className="min-w-0 flex-1 font-medium break-words text-slate-900">
                      <span className="text-slate-600 tabular-nums">#{row.itemNum}</span>{" "}
                      <span data-testid="card-title">{row.title}</span>
                    </span>
                    {row.draft && <DraftBadge />}
                    {row.queued && <NotSentBadge />}
                  </span>
                  <span className="flex flex-wrap items-center gap-x-3 gap-y-1.5 text-sm text-slate-700">
                    <IndicatorBadge indicator={row.indicator} />
                    <span className="tabular-nums">
                      <span className="text-slate-500">Due </span>
                      {row.deadline ? formatIsoDate(row.deadline) : "—"}
                    </span>
                    <span className="min-w-0 truncate">
                      {row.assignedTo ?? <span className="text-slate-500">Unassigned</span>}
                    </span>
                    <span className="ml-auto tabular-nums text-slate-600" data-testid="percent">
                      {row.percentComplete}%
                    </span>
                  </span>
                </button>
              </li>
            ))}
      </ul>
      {hasMore && <CardsEnd {...props} />}
    </div>
  );
}

/**
 * Below the last card while more pages wait: the next one loads as this comes into view (600px
 * ahead); "Show more items" where that cannot be watched, "Try again" after a failure.
 */
function CardsEnd(props: ItemListProps) {
  const { rows, fetchingMore, loadMoreError, onLoadMore } = props;
  const sentinel = useRef<HTMLDivElement>(null);
  const ready = mayLoadMore(props);
  useEffect(() => {
    const el = sentinel.current;
    if (!el || !ready || typeof IntersectionObserver === "undefined") return;
    const io = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) onLoadMore();
      },
      { rootMargin: "600px 0px" },
    );
    io.observe(el);
    return () => io.disconnect();
  }, [ready, onLoadMore, rows.length]);
  return (
    <div
      ref={sentinel}
      data-testid="items-loading-more"
      className="flex min-h-12 items-center justify-center gap-2 text-sm text-slate-600"
    >
      {loadMoreError || fetchingMore ? (
        <LoadMoreStatus error={!!loadMoreError} onRetry={onLoadMore} buttonClassName="min-h-11 px-2" />
      ) : (
        <button type="button" onClick={onLoadMore} className={cn(loadMoreButtonClasses, "min-h-11 px-2")}>
          Show more items
        </button>
      )}
    </div>
  );
}

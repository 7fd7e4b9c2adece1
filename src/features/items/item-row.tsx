"use client";

import { DraftBadge, IndicatorBadge, TypeIcon } from "@/components/ui/badges";
import type { ItemRecord } from "@/domain/types";
import { cn } from "@/lib/cn";

export type RowItem = Pick<
  ItemRecord,
  "itemNum" | "type" | "title" | "workstream" | "assignedTo" | "indicator" | "percentComplete"
> & { draft?: boolean };

/**
 * One item in a list view: a single button (one tab stop) that opens the
 * editor. Title text is rendered as text, never as markup. On phones the
 * indicator and date move under the title.
 */
export function ItemRow({
  item,
  onOpen,
  date,
  leading,
  className,
}: {
  item: RowItem;
  onOpen: (itemNum: number) => void;
  /** Right-hand date block, e.g. "7 Apr 2025" over "3 days overdue". */
  date?: React.ReactNode;
  /** Something before the type icon (e.g. a day number). */
  leading?: React.ReactNode;
  className?: string;
}) {
  const meta = [
    item.workstream,
    item.assignedTo,
    item.percentComplete > 0 ? `${item.percentComplete}% done` : null,
  ].filter((v): v is string => !!v);
  return (
    <li data-item-num={item.itemNum} className={className}>
      <button
        type="button"
        onClick={() => onOpen(item.itemNum)}
        className="group flex w-full items-start gap-3 px-4 py-3 text-left transition-colors hover:bg-slate-50 focus-visible:bg-slate-50 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-blue-600"
      >
        {leading}
        <TypeIcon type={item.type} className="mt-0.5" />
        <span className="min-w-0 flex-1">
          <span className="flex items-start gap-2">
            <span className="pt-px text-sm font-medium text-slate-600 tabular-nums">#{item.itemNum}</span>
            <span className="line-clamp-2 min-w-0 text-sm font-medium break-words text-slate-900 group-hover:text-blue-800 group-hover:underline">
              {item.title}
            </span>
            {item.draft && <DraftBadge />}
          </span>
          {meta.length > 0 && (
            <span className="mt-1 flex flex-wrap gap-x-2 text-xs text-slate-600">
              {meta.map((m, i) => (
                <span key={i} className="inline-flex items-center gap-2">
                  {i > 0 && <span aria-hidden="true">·</span>}
                  {m}
                </span>
              ))}
            </span>
          )}
          <span className="mt-1.5 flex flex-wrap items-center gap-x-3 gap-y-1 sm:hidden">
            <IndicatorBadge indicator={item.indicator} />
            {date && <span className="text-xs text-slate-700">{date}</span>}
          </span>
        </span>
        <span className="flex shrink-0 items-center gap-4 text-right max-sm:hidden">
          <IndicatorBadge indicator={item.indicator} />
          {date && <span className="w-36 text-xs text-slate-700">{date}</span>}
        </span>
      </button>
    </li>
  );
}

/** Items as a divided list of rows (an active-items group, the timeline's unscheduled items…). */
export function ItemRowList<T extends RowItem>({
  items,
  onOpen,
  date,
}: {
  items: readonly T[];
  onOpen: (itemNum: number) => void;
  /** Each row's date block. */
  date?: (item: T) => React.ReactNode;
}) {
  return (
    <ul className="divide-y divide-slate-100">
      {items.map((item) => (
        <ItemRow key={item.itemNum} item={item} onOpen={onOpen} date={date?.(item)} />
      ))}
    </ul>
  );
}

/** A date with a relative hint under it (beside it on phones). */
export function DateHint({
  label,
  date,
  hint,
  tone,
}: {
  label?: string;
  date: string;
  hint?: string;
  tone?: "late";
}) {
  return (
    <span className="inline-flex flex-wrap items-baseline gap-x-1.5 sm:flex-col sm:items-end">
      <span className="whitespace-nowrap tabular-nums">
        {label && <span className="text-slate-600">{label} </span>}
        <span className="font-medium text-slate-800">{date}</span>
      </span>
      {hint && (
        <span
          className={cn("whitespace-nowrap", tone === "late" ? "font-medium text-red-700" : "text-slate-600")}
        >
          {hint}
        </span>
      )}
    </span>
  );
}

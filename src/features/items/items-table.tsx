"use client";

/**
 * The All items table: TanStack Table (headless) for the columns and the sort
 * state — which lives in the URL and is applied by the server — and TanStack
 * Virtual so only the rows in view are in the DOM (a project may hold 10,000
 * items). Nearing the end of the loaded rows fetches the next page.
 *
 * It stays a real <table>: spacer rows stand in for the rows scrolled out of
 * view, aria-rowcount / aria-rowindex tell assistive tech where a row sits.
 * Keyboard: one row is in the tab order (roving tabindex); ↑ ↓ Home End
 * PageUp PageDown move between rows, Enter opens the item. Mouse: double-click
 * opens; touch: a tap opens. Progress and assignee can be changed in place by
 * people who may edit the item. The optional columns (Start, Finish, risk
 * score and owner) are shown or hidden by `columns` (the column menu). Phones
 * get a list of cards instead (items-card-list.tsx).
 */
import type { WithQueued } from "@/features/offline/queued-edits";
import { getCoreRowModel, type SortingState, type Updater, useReactTable } from "@tanstack/react-table";
import { defaultRangeExtractor, type Range, useVirtualizer } from "@tanstack/react-virtual";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { Skeleton } from "@/components/ui/skeleton";
import { cn } from "@/lib/cn";
import { fromSortingState, SERVER_SORTING, type SortState, toSortingState } from "@/lib/item-filters";
import type { QuickEditChanges } from "@/lib/item-list-cache";
import type { RouterOutputs } from "@/trpc/react";
import { type QuickEditKind, QuickEditPanel, type QuickEditTarget } from "./item-quick-edit";
import { LoadMoreStatus, mayLoadMore } from "./load-more";
import {
  COLUMNS,
  HEADER_HEIGHT,
  OPTIONAL_COLUMN_REM,
  OPTIONAL_COLUMNS,
  type OptionalColumn,
  PAGE_ROWS,
  PREFETCH_ROWS,
  ROW_ESTIMATE,
} from "./items-table-columns";
import { ItemTableRow } from "./items-table-row";
import { TableHead } from "./items-table-head";

/** A listed item, with this device's unsent edits laid over it (see offline/queued-edits.ts). */
export type ItemRow = WithQueued<RouterOutputs["item"]["list"]["items"][number]>;

/** Quick edits offered in the Progress and Assignee cells. */
export type QuickEditSupport = {
  canEdit: (row: ItemRow) => boolean;
  /** The changes being saved for an item (its quick edits wait until the save is done). */
  saving: (itemNum: number) => QuickEditChanges | undefined;
  onSave: (row: ItemRow, changes: QuickEditChanges) => void;
  /** Names offered in the assignee editor. */
  assignees: readonly string[];
};

function Spacer({ height, span }: { height: number; span: number }) {
  return (
    <tr aria-hidden="true" style={{ height }}>
      <td colSpan={span} className="p-0" />
    </tr>
  );
}

const estimateSize = () => ROW_ESTIMATE;

/** What the table and the phone's card list both take (the All items view's listProps). */
export type ItemListProps = {
  rows: ItemRow[];
  /** First load: skeleton rows. */
  loading: boolean;
  /** Showing the previous results while new ones load (sort or filters changed). */
  busy?: boolean;
  hasMore: boolean;
  fetchingMore: boolean;
  loadMoreError?: boolean;
  onLoadMore: () => void;
  sort: SortState;
  onSort: (s: SortState) => void;
  onOpen: (itemNum: number) => void;
  caption: string;
};

export function ItemsTable({
  total,
  quickEdit,
  resetKey,
  columns,
  ...list
}: ItemListProps & {
  /** Rows matching the filters on the server (all pages). */
  total: number;
  quickEdit?: QuickEditSupport;
  /** Changes when the filters or the sort change: scroll back to the top. */
  resetKey: string;
  /** Which optional columns show. */
  columns: Record<OptionalColumn, boolean>;
}) {
  const {
    rows,
    loading,
    busy,
    hasMore,
    fetchingMore,
    loadMoreError,
    onLoadMore,
    sort,
    onSort,
    onOpen,
    caption,
  } = list;
  const scrollRef = useRef<HTMLDivElement>(null);
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const pointer = useRef<string>("mouse");
  const pendingFocus = useRef<number | null>(null);
  const [activeNum, setActiveNum] = useState<number | null>(null);
  const [quick, setQuick] = useState<QuickEditTarget | null>(null);

  const sorting = useMemo(() => toSortingState(sort), [sort]);
  const onSortingChange = useCallback(
    (updater: Updater<SortingState>) =>
      onSort(fromSortingState(typeof updater === "function" ? updater(sorting) : updater)),
    [onSort, sorting],
  );
  // The rows' memo compares this to notice a column shown or hidden.
  const columnOrder = useMemo(
    () => COLUMNS.map((c) => c.id!).filter((id) => columns[id as OptionalColumn] !== false),
    [columns],
  );
  // The fixed columns and a title of at least 12rem take 62.5rem (59.25rem below 1440 px, where
  // the type is an icon); each optional column shown adds its width.
  const optionalRem = OPTIONAL_COLUMNS.reduce((w, c) => w + (columns[c] ? OPTIONAL_COLUMN_REM[c] : 0), 0);
  const table = useReactTable({
    data: rows,
    columns: COLUMNS,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (r) => r.id,
    state: { sorting, columnVisibility: columns },
    onSortingChange,
    ...SERVER_SORTING,
  });
  const tableRows = table.getRowModel().rows;

  const found = activeNum === null ? -1 : rows.findIndex((r) => r.itemNum === activeNum);
  const activeIndex = found >= 0 ? found : rows.length ? 0 : -1;

  const count = rows.length + (hasMore ? 1 : 0);
  const getItemKey = useCallback((i: number) => rows[i]?.id ?? "more", [rows]);
  // The active row stays rendered even when scrolled away, so Tab always finds the table.
  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      if (activeIndex >= 0 && activeIndex < range.count && !indexes.includes(activeIndex)) {
        indexes.push(activeIndex);
        indexes.sort((a, b) => a - b);
      }
      return indexes;
    },
    [activeIndex],
  );
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize,
    getItemKey,
    rangeExtractor,
    overscan: 10,
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
    // Server render and first client render show the first screenful.
    initialRect: { width: 1024, height: 720 },
  });
  const virtualItems = virtualizer.getVirtualItems();
  const lastIndex = virtualItems.at(-1)?.index ?? -1;

  // Infinite scroll: load the next page before the user reaches the end.
  const ready = mayLoadMore(list);
  const nearEnd = lastIndex >= rows.length - PREFETCH_ROWS;
  useEffect(() => {
    if (ready && nearEnd) onLoadMore();
  }, [ready, nearEnd, onLoadMore]);

  // New filters or sort: back to the top.
  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [resetKey]);

  // The table fills the window below what is above it, so on a desktop the page hardly scrolls
  // and the rows scroll inside (a CSS max-height is the fallback until this runs).
  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const fit = () => {
      const top = el.getBoundingClientRect().top + window.scrollY;
      el.style.maxHeight = `max(22rem, calc(100dvh - ${Math.round(top)}px - 1.5rem))`;
    };
    fit();
    // What is above may change height (header details load, the filter panel opens on a phone).
    const ro = typeof ResizeObserver === "undefined" ? null : new ResizeObserver(fit);
    ro?.observe(document.body);
    window.addEventListener("resize", fit);
    return () => {
      ro?.disconnect();
      window.removeEventListener("resize", fit);
    };
  }, []);

  const rowElement = (i: number) =>
    bodyRef.current?.querySelector<HTMLElement>(`tr[data-index="${i}"]`) ?? null;
  const focusRow = (el: HTMLElement) => {
    el.focus({ preventScroll: true });
    // Into view inside the table (below the sticky header: scroll-padding) and in the window.
    el.scrollIntoView({ block: "nearest" });
  };

  // Keyboard moves to a row that was not rendered: focus it once the virtualizer has drawn it.
  useEffect(() => {
    const i = pendingFocus.current;
    if (i === null) return;
    const el = rowElement(i);
    if (el) {
      pendingFocus.current = null;
      focusRow(el);
    }
  });

  const goTo = (i: number) => {
    if (!rows.length) return;
    const index = Math.max(0, Math.min(rows.length - 1, i));
    setActiveNum(rows[index]!.itemNum);
    const el = rowElement(index);
    if (el) {
      focusRow(el);
    } else {
      pendingFocus.current = index;
      virtualizer.scrollToIndex(index, { align: "auto" });
    }
  };
  const goToRef = useRef(goTo);
  useEffect(() => {
    goToRef.current = goTo;
  });

  const onRowKey = useCallback(
    (e: React.KeyboardEvent<HTMLTableRowElement>, index: number, itemNum: number) => {
      if (e.target !== e.currentTarget || e.altKey || e.ctrlKey || e.metaKey) return;
      const moves: Record<string, number> = {
        ArrowDown: index + 1,
        ArrowUp: index - 1,
        PageDown: index + PAGE_ROWS,
        PageUp: index - PAGE_ROWS,
        Home: 0,
        End: rows.length - 1,
      };
      if (e.key in moves) {
        e.preventDefault();
        goToRef.current(moves[e.key]!);
      } else if (e.key === "Enter") {
        e.preventDefault();
        onOpen(itemNum);
      }
    },
    [onOpen, rows.length],
  );

  const onActivate = useCallback((itemNum: number) => setActiveNum(itemNum), []);
  const onQuickEdit = useCallback((kind: QuickEditKind, item: ItemRow, anchor: HTMLElement) => {
    setQuick((q) =>
      q && q.itemNum === item.itemNum && q.kind === kind
        ? null
        : {
            kind,
            itemNum: item.itemNum,
            percentComplete: item.percentComplete,
            assignedTo: item.assignedTo,
            anchor,
          },
    );
  }, []);
  const closeQuick = useCallback(
    (restoreFocus: boolean) => {
      if (quick && restoreFocus && quick.anchor.isConnected) quick.anchor.focus({ preventScroll: true });
      setQuick(null);
    },
    [quick],
  );
  const quickRow = quick ? rows.find((r) => r.itemNum === quick.itemNum) : undefined;
  const saveQuick = useCallback(
    (changes: QuickEditChanges) => {
      if (quickRow) quickEdit?.onSave(quickRow, changes);
    },
    [quickEdit, quickRow],
  );

  // Spacer rows stand in for the rows that are not rendered (before, between and after).
  const body: React.ReactNode[] = [];
  let cursor = HEADER_HEIGHT;
  let gaps = 0;
  for (const v of virtualItems) {
    if (v.start > cursor)
      body.push(<Spacer key={`gap-${gaps++}`} height={v.start - cursor} span={columnOrder.length} />);
    cursor = Math.max(cursor, v.end);
    const row = tableRows[v.index];
    if (row) {
      body.push(
        <ItemTableRow
          key={row.id}
          row={row}
          index={v.index}
          active={v.index === activeIndex}
          editable={!!quickEdit?.canEdit(row.original)}
          saving={quickEdit?.saving(row.original.itemNum)}
          measure={virtualizer.measureElement}
          onOpen={onOpen}
          onQuickEdit={onQuickEdit}
          onRowKey={onRowKey}
          onActivate={onActivate}
          pointer={pointer}
          columnOrder={columnOrder}
        />,
      );
    } else {
      body.push(
        <tr key="more" ref={virtualizer.measureElement} data-index={v.index} data-testid="items-loading-more">
          <td colSpan={columnOrder.length} className="h-12 px-3 text-sm text-slate-600">
            <span className="sticky left-3 inline-flex items-center gap-2">
              <LoadMoreStatus error={!!loadMoreError} onRetry={onLoadMore} />
            </span>
          </td>
        </tr>,
      );
    }
  }
  const end = HEADER_HEIGHT + virtualizer.getTotalSize();
  if (end > cursor) body.push(<Spacer key="gap-end" height={end - cursor} span={columnOrder.length} />);

  return (
    <div
      ref={scrollRef}
      data-testid="items-scroller"
      className={cn(
        "relative max-h-[calc(100dvh-7.5rem)] scroll-pt-11 overflow-auto overscroll-x-contain rounded-xl border border-slate-200 bg-white shadow-sm transition-opacity",
        busy && "opacity-60",
      )}
    >
      <table
        className="w-full min-w-[calc(59.25rem+var(--optional-columns))] table-fixed border-separate border-spacing-0 text-sm min-[1440px]:min-w-[calc(62.5rem+var(--optional-columns))]"
        style={{ "--optional-columns": `${optionalRem}rem` } as React.CSSProperties}
        aria-busy={loading || busy || fetchingMore || undefined}
        aria-rowcount={loading ? undefined : total + 1}
      >
        <caption className="sr-only">{caption}</caption>
        <TableHead table={table} sorting={sorting} columnOrder={columnOrder} />
        <tbody ref={bodyRef}>
          {loading
            ? Array.from({ length: 8 }, (_, i) => (
                <tr key={i} aria-hidden="true">
                  {table.getVisibleLeafColumns().map((c) => (
                    <td key={c.id} className="h-12 border-b border-slate-100 px-2.5">
                      <Skeleton className={cn("h-4", c.id === "title" ? "w-4/5" : "w-3/4")} />
                    </td>
                  ))}
                </tr>
              ))
            : body}
        </tbody>
      </table>
      {quick && quickRow && quickEdit && (
        <QuickEditPanel
          target={quick}
          assignees={quickEdit.assignees}
          onSave={saveQuick}
          onClose={closeQuick}
        />
      )}
    </div>
  );
}

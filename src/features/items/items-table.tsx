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
 * people who may edit the item.
 */
import {
  type ColumnDef,
  flexRender,
  getCoreRowModel,
  type Row,
  type SortingState,
  type Updater,
  useReactTable,
} from "@tanstack/react-table";
import { defaultRangeExtractor, type Range, useVirtualizer } from "@tanstack/react-virtual";
import { ArrowDown, ArrowUp, ArrowUpDown, LoaderCircle, Pencil } from "lucide-react";
import { createContext, memo, useCallback, useContext, useEffect, useMemo, useRef, useState } from "react";
import { DraftBadge, IndicatorBadge, TypeBadge, TypeIcon } from "@/components/ui/badges";
import { Skeleton } from "@/components/ui/skeleton";
import { cn } from "@/lib/cn";
import { PHONE_MEDIA, useMediaQuery } from "@/lib/use-media-query";
import { formatIsoDate } from "@/lib/format";
import { RelativeTime } from "@/components/ui/relative-time";
import {
  fromSortingState,
  SERVER_SORTING,
  type SortBy,
  sortColumn,
  type SortState,
  toSortingState,
} from "@/lib/item-filters";
import type { QuickEditChanges } from "@/lib/item-list-cache";
import type { RouterOutputs } from "@/trpc/react";
import { type QuickEditKind, QuickEditPanel, type QuickEditTarget } from "./item-quick-edit";

export type ItemRow = RouterOutputs["item"]["list"]["items"][number];

/** Quick edits offered in the Progress and Assignee cells. */
export type QuickEditSupport = {
  canEdit: (row: ItemRow) => boolean;
  /** The changes being saved for an item (its quick edits wait until the save is done). */
  saving: (itemNum: number) => QuickEditChanges | undefined;
  onSave: (row: ItemRow, changes: QuickEditChanges) => void;
  /** Names offered in the assignee editor. */
  assignees: readonly string[];
};

/** Height of the sticky header row (px); the virtualizer's list starts below it. */
const HEADER_HEIGHT = 44;
const ROW_ESTIMATE = 53;
/** Fetch the next page when the rows in view come this close to the last loaded row. */
const PREFETCH_ROWS = 60;
const PAGE_ROWS = 10;

/** Width and cell classes per column (the table has a fixed layout: widths never jump while scrolling). */
const LOOK: Record<SortBy, { col: string; th?: string; td: string }> = {
  itemNum: {
    col: "w-[3.25rem]",
    th: "sticky left-0 z-30",
    td: "sticky left-0 z-10 bg-white font-medium text-slate-600 tabular-nums group-hover:bg-blue-50 group-focus-visible:bg-blue-50",
  },
  type: { col: "w-[4.5rem] sm:w-[7.75rem]", td: "" },
  workstream: { col: "w-[7.5rem]", td: "truncate text-slate-700" },
  title: { col: "", td: "" },
  assignedTo: { col: "w-[8.25rem]", td: "text-slate-700" },
  percentComplete: { col: "w-[6.75rem]", td: "" },
  severity: { col: "w-[10.5rem]", td: "" },
  deadline: { col: "w-[6.5rem]", td: "whitespace-nowrap text-slate-700 tabular-nums" },
  updatedAt: { col: "w-[7.75rem]", td: "truncate text-slate-700" },
};

/** Per-row state the cells read (keeps the column definitions static). */
type RowUi = {
  item: ItemRow;
  /** The row in the tab order: its buttons are tabbable too. */
  active: boolean;
  editable: boolean;
  saving: QuickEditChanges | undefined;
  onOpen: (itemNum: number) => void;
  onQuickEdit: (kind: QuickEditKind, item: ItemRow, anchor: HTMLElement) => void;
};
const RowUiContext = createContext<RowUi | null>(null);
function useRowUi(): RowUi {
  const ui = useContext(RowUiContext);
  if (!ui) throw new Error("cells render inside an items table row");
  return ui;
}

const Dash = () => <span className="text-slate-500">—</span>;

function TitleCell() {
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

function ProgressCell() {
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

function AssigneeCell() {
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

/** Static column definitions; cells read their row's state from RowUiContext. */
const COLUMNS: ColumnDef<ItemRow>[] = [
  { ...sortColumn("itemNum"), header: "#", cell: ({ row }) => row.original.itemNum },
  {
    ...sortColumn("type"),
    header: "Type",
    cell: ({ row }) => (
      <>
        <TypeBadge type={row.original.type} className="max-sm:hidden" />
        <TypeIcon type={row.original.type} className="sm:hidden" />
      </>
    ),
  },
  {
    ...sortColumn("workstream"),
    header: "Workstream",
    cell: ({ row }) => row.original.workstream ?? <Dash />,
  },
  { ...sortColumn("title"), header: "Title", cell: () => <TitleCell /> },
  { ...sortColumn("assignedTo"), header: "Assignee", cell: () => <AssigneeCell /> },
  { ...sortColumn("percentComplete"), header: "Progress", cell: () => <ProgressCell /> },
  {
    ...sortColumn("severity"),
    header: "Indicator",
    cell: ({ row }) => <IndicatorBadge indicator={row.original.indicator} />,
  },
  {
    ...sortColumn("deadline"),
    header: "Deadline",
    cell: ({ row }) => (row.original.deadline ? formatIsoDate(row.original.deadline) : <Dash />),
  },
  {
    ...sortColumn("updatedAt"),
    header: "Updated",
    cell: ({ row }) => (
      <RelativeTime value={row.original.updatedAt} />
    ),
  },
];
const COLUMN_COUNT = COLUMNS.length;

const DEFAULT_COLUMN_ORDER: SortBy[] = [];

/**
 * On phones the table scrolls sideways; this order puts what a glance needs —
 * the title, its indicator and deadline — next to the sticky item number.
 */
const PHONE_COLUMN_ORDER: SortBy[] = [
  "itemNum",
  "title",
  "severity",
  "deadline",
  "percentComplete",
  "assignedTo",
  "type",
  "workstream",
  "updatedAt",
];

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
  /** Not read here: the cells come in this order, and the memo must notice when it changes (phones). */
  columnOrder: readonly string[];
};

const ItemTableRow = memo(function ItemTableRow({
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

/**
 * Column widths and the sticky header with sort buttons. Memoised: the table re-renders on
 * every scroll frame, the header only when the sort or the column order changes (`table` is
 * one stable instance, so both are passed in to be compared).
 */
const TableHead = memo(function TableHead({
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

function Spacer({ height }: { height: number }) {
  return (
    <tr aria-hidden="true" style={{ height }}>
      <td colSpan={COLUMN_COUNT} className="p-0" />
    </tr>
  );
}

const estimateSize = () => ROW_ESTIMATE;

export function ItemsTable({
  rows,
  total,
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
  quickEdit,
  resetKey,
}: {
  rows: ItemRow[];
  /** Rows matching the filters on the server (all pages). */
  total: number;
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
  quickEdit?: QuickEditSupport;
  /** Changes when the filters or the sort change: scroll back to the top. */
  resetKey: string;
}) {
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
  const phone = useMediaQuery(PHONE_MEDIA);
  const columnOrder = phone ? PHONE_COLUMN_ORDER : DEFAULT_COLUMN_ORDER;
  const table = useReactTable({
    data: rows,
    columns: COLUMNS,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (r) => r.id,
    state: { sorting, columnOrder },
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
  useEffect(() => {
    if (!hasMore || fetchingMore || busy || loadMoreError || loading) return;
    if (lastIndex >= rows.length - PREFETCH_ROWS) onLoadMore();
  }, [hasMore, fetchingMore, busy, loadMoreError, loading, lastIndex, rows.length, onLoadMore]);

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
    if (v.start > cursor) body.push(<Spacer key={`gap-${gaps++}`} height={v.start - cursor} />);
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
          <td colSpan={COLUMN_COUNT} className="h-12 px-3 text-sm text-slate-600">
            {loadMoreError ? (
              <span className="sticky left-3 inline-flex items-center gap-2">
                Couldn&apos;t load more items.
                <button
                  type="button"
                  onClick={onLoadMore}
                  className="rounded font-medium text-blue-700 underline-offset-4 hover:underline"
                >
                  Try again
                </button>
              </span>
            ) : (
              <span className="sticky left-3 inline-flex items-center gap-2">
                <LoaderCircle className="size-4 animate-spin text-blue-700" aria-hidden="true" />
                Loading more items…
              </span>
            )}
          </td>
        </tr>,
      );
    }
  }
  const end = HEADER_HEIGHT + virtualizer.getTotalSize();
  if (end > cursor) body.push(<Spacer key="gap-end" height={end - cursor} />);

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
        className="w-full min-w-[66rem] table-fixed border-separate border-spacing-0 text-sm sm:min-w-[70rem]"
        aria-busy={loading || busy || fetchingMore || undefined}
        aria-rowcount={loading ? undefined : total + 1}
      >
        <caption className="sr-only">{caption}</caption>
        <TableHead table={table} sorting={sorting} columnOrder={columnOrder} />
        <tbody ref={bodyRef}>
          {loading
            ? Array.from({ length: 8 }, (_, i) => (
                <tr key={i} aria-hidden="true">
                  {COLUMNS.map((c) => (
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

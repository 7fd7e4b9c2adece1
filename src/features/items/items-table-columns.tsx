"use client";

import { type ColumnDef } from "@tanstack/react-table";
import { IndicatorBadge, TypeBadge, TypeIcon } from "@/components/ui/badges";
import { formatIsoDate } from "@/lib/format";
import { RelativeTime } from "@/components/ui/relative-time";
import { type SortBy, sortColumn } from "@/lib/item-filters";
import type { ItemRow } from "./items-table";
import { AssigneeCell, Dash, ProgressCell, TitleCell } from "./items-table-cells";

/** Height of the sticky header row (px); the virtualizer's list starts below it. */
export const HEADER_HEIGHT = 44;
export const ROW_ESTIMATE = 53;
/** Fetch the next page when the rows in view come this close to the last loaded row. */
export const PREFETCH_ROWS = 60;
export const PAGE_ROWS = 10;

/** Width and cell classes per column (the table has a fixed layout: widths never jump while scrolling). */
export const LOOK: Record<SortBy, { col: string; th?: string; td: string }> = {
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

/** Static column definitions; cells read their row's state from RowUiContext. */
export const COLUMNS: ColumnDef<ItemRow>[] = [
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
    cell: ({ row }) => <RelativeTime value={row.original.updatedAt} />,
  },
];
export const COLUMN_COUNT = COLUMNS.length;

export const DEFAULT_COLUMN_ORDER: SortBy[] = [];

/**
 * On phones the table scrolls sideways; this order puts what a glance needs —
 * the title, its indicator and deadline — next to the sticky item number.
 */
export const PHONE_COLUMN_ORDER: SortBy[] = [
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

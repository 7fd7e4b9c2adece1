"use client";

import { type ColumnDef } from "@tanstack/react-table";
import { IndicatorBadge, TypeBadge, TypeIcon } from "@/components/ui/badges";
import { formatIsoDate } from "@/lib/format";
import { RelativeTime } from "@/components/ui/relative-time";
import { riskBandOf } from "@/domain/risk-assessment";
import { ScoreBadge } from "@/features/risks/register-table";
import { type SortBy, sortColumn } from "@/lib/item-filters";
import type { ItemRow } from "./items-table";
import { AssigneeCell, Dash, ProgressCell, TitleCell } from "./items-table-cells";

/** Height of the sticky header row (px); the virtualizer's list starts below it. */
export const HEADER_HEIGHT = 44;
export const ROW_ESTIMATE = 53;
/** Fetch the next page when the rows in view come this close to the last loaded row. */
export const PREFETCH_ROWS = 60;
export const PAGE_ROWS = 10;

/** The date columns (deadline, start, finish) look alike. */
const DATE_LOOK = { col: "w-[6.5rem]", td: "whitespace-nowrap text-slate-700 tabular-nums" };

/** Width and cell classes per column (the table has a fixed layout: widths never jump while scrolling). */
export const LOOK: Record<SortBy, { col: string; th?: string; td: string }> = {
  itemNum: {
    col: "w-[3.25rem]",
    th: "sticky left-0 z-30",
    td: "sticky left-0 z-10 bg-white font-medium text-slate-600 tabular-nums group-hover:bg-blue-50 group-focus-visible:bg-blue-50",
  },
  // Below 1440 px the type is its icon (named for screen readers and on hover), so a
  // 1280 px laptop fits every default column.
  type: { col: "w-[4.5rem] min-[1440px]:w-[7.75rem]", td: "" },
  workstream: { col: "w-[7.5rem]", td: "truncate text-slate-700" },
  title: { col: "", td: "" },
  assignedTo: { col: "w-[8.25rem]", td: "text-slate-700" },
  percentComplete: { col: "w-[6.75rem]", td: "" },
  severity: { col: "w-[10.5rem]", td: "" },
  deadline: DATE_LOOK,
  start: DATE_LOOK,
  finish: DATE_LOOK,
  riskScore: { col: "w-[7rem]", td: "" },
  riskOwner: { col: "w-[8.25rem]", td: "truncate text-slate-700" },
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
        <TypeBadge type={row.original.type} className="max-[1439.98px]:hidden" />
        <TypeIcon type={row.original.type} className="min-[1440px]:hidden" />
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
    ...sortColumn("start"),
    header: "Start",
    cell: ({ row }) => (row.original.start ? formatIsoDate(row.original.start) : <Dash />),
  },
  {
    ...sortColumn("finish"),
    header: "Finish",
    cell: ({ row }) => (row.original.finish ? formatIsoDate(row.original.finish) : <Dash />),
  },
  {
    ...sortColumn("deadline"),
    header: "Deadline",
    cell: ({ row }) => (row.original.deadline ? formatIsoDate(row.original.deadline) : <Dash />),
  },
  {
    ...sortColumn("riskScore"),
    header: "Risk score",
    // Risks only: probability × impact, with its band.
    cell: ({ row }) =>
      row.original.type === "Risk" ? (
        <ScoreBadge score={row.original.riskScore} band={riskBandOf(row.original.riskScore)} />
      ) : (
        <Dash />
      ),
  },
  {
    ...sortColumn("riskOwner"),
    header: "Risk owner",
    cell: ({ row }) => (row.original.type === "Risk" ? (row.original.riskOwner ?? <Dash />) : <Dash />),
  },
  {
    ...sortColumn("updatedAt"),
    header: "Updated",
    cell: ({ row }) => <RelativeTime value={row.original.updatedAt} />,
  },
];

/** Columns people may hide or show (the column menu); the others are always there. */
export const OPTIONAL_COLUMNS = ["start", "finish", "riskScore", "riskOwner", "updatedAt"] as const;
export type OptionalColumn = (typeof OPTIONAL_COLUMNS)[number];
export const OPTIONAL_COLUMN_LABEL: Record<OptionalColumn, string> = {
  start: "Start",
  finish: "Finish",
  riskScore: "Risk score",
  riskOwner: "Risk owner",
  updatedAt: "Updated",
};
/** Width (rem) each optional column adds to the table's minimum width. */
export const OPTIONAL_COLUMN_REM: Record<OptionalColumn, number> = {
  start: 6.5,
  finish: 6.5,
  riskScore: 7,
  riskOwner: 8.25,
  updatedAt: 7.75,
};

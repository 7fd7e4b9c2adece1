/**
 * The All-items filters and sort: the sortable columns, TanStack Table's view
 * of the server-side sort, and the filters as item.list and exports take them.
 * How they are written in the URL (nuqs parsers, shared by the server page and
 * the client view) is src/lib/item-filter-params.ts; they parse into the one
 * item filter (src/domain/item-filter.ts), so the table (item.list) and its
 * exports select the same items.
 */
import { ITEM_SORT_KEYS, type TItemFilterInput } from "@/contracts/item";
import type { ItemFilters } from "./item-filter-params";

export type { ItemFilters };

/** The columns item.list sorts by (the contract's list: the URL, the table and the server agree). */
export const SORTABLE = ITEM_SORT_KEYS;
export type SortBy = (typeof SORTABLE)[number];
export type SortState = { by: SortBy; dir: "asc" | "desc" };

export const DEFAULT_SORT: SortState = { by: "itemNum", dir: "asc" };
export const PAGE_SIZE = 200;

/** Columns whose first click sorts descending (newest, most complete first). */
export const DESC_FIRST: readonly SortBy[] = ["updatedAt", "percentComplete", "riskScore"];

export function isSortBy(v: string): v is SortBy {
  return (SORTABLE as readonly string[]).includes(v);
}

/**
 * TanStack Table options for the URL sort: the server sorts, by one column at a
 * time; a header click sorts by that column (ascending, or descending for
 * DESC_FIRST columns) or flips its direction — never back to "unsorted".
 */
/**
 * The sorting part of a sortable column's TanStack definition: an accessor (TanStack only
 * sorts columns that have one), and which direction a first click picks.
 */
export function sortColumn<K extends SortBy>(id: K) {
  return { id, accessorKey: id, sortDescFirst: DESC_FIRST.includes(id) ? true : undefined };
}

export const SERVER_SORTING = {
  manualSorting: true,
  enableMultiSort: false,
  enableSortingRemoval: false,
  sortDescFirst: false,
} as const;

/** The URL sort as TanStack Table sorting state (one column, server-side). */
export function toSortingState(sort: SortState): { id: string; desc: boolean }[] {
  return [{ id: sort.by, desc: sort.dir === "desc" }];
}

/** TanStack Table sorting state back to the URL sort; nothing sortable → the default order. */
export function fromSortingState(sorting: readonly { id: string; desc: boolean }[]): SortState {
  const first = sorting[0];
  return first && isSortBy(first.id) ? { by: first.id, dir: first.desc ? "desc" : "asc" } : DEFAULT_SORT;
}

export function countActiveFilters(f: ItemFilters): number {
  return (
    f.types.length +
    f.workstreams.length +
    f.assignees.length +
    f.severities.length +
    (f.openOnly ? 1 : 0) +
    (f.criticalOnly ? 1 : 0) +
    (f.search ? 1 : 0) +
    (f.includeDrafts ? 0 : 1)
  );
}

export const NO_FILTERS: ItemFilters = {
  types: [],
  workstreams: [],
  assignees: [],
  severities: [],
  openOnly: false,
  criticalOnly: false,
  search: "",
  includeDrafts: true,
};

/** The filters as item.list and exports take them (ZItemFilterInput); unset filters and defaults are left out. */
export function toFilterInput(f: ItemFilters): TItemFilterInput {
  return {
    ...(f.types.length ? { types: f.types } : {}),
    ...(f.workstreams.length ? { workstreams: f.workstreams } : {}),
    ...(f.assignees.length ? { assignees: f.assignees } : {}),
    ...(f.severities.length ? { severities: f.severities } : {}),
    ...(f.openOnly ? { openOnly: true } : {}),
    ...(f.criticalOnly ? { criticalOnly: true } : {}),
    ...(f.search ? { search: f.search } : {}),
    ...(f.includeDrafts ? {} : { includeDrafts: false }),
  };
}

/** Input for item.list (without orgSlug/projectId/cursor). */
export function toListInput(f: ItemFilters, sort: SortState) {
  return { ...toFilterInput(f), sort, limit: PAGE_SIZE };
}

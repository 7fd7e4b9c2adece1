/**
 * The All-items filters and sort as they live in the URL query string:
 *   ?type=Risk&type=Issue&ws=Build&who=Ana%20Ruiz&sev=critical&open=1&critical=1&q=crane&drafts=0&sort=deadline&dir=desc
 * Shared by the server page (to prefetch the same query) and the client view.
 * The filters parse into the one item filter (src/domain/item-filter.ts), so the
 * table (item.list) and its exports select the same items.
 */
import type { TItemFilterInput } from "@/contracts/item";
import type { ItemFilter } from "@/domain/item-filter";
import { ITEM_TYPES, SEVERITIES, type ItemType, type Severity } from "@/domain/types";

/**
 * An ItemFilter with the fields the filter bar sets always present. Drafts are
 * listed (marked as drafts, so their authors can finish them) unless the URL
 * says `drafts=0`.
 */
export type ItemFilters = ItemFilter & {
  types: ItemType[];
  workstreams: string[];
  assignees: string[];
  severities: Severity[];
  openOnly: boolean;
  criticalOnly: boolean;
  search: string;
  includeDrafts: boolean;
};

export const SORTABLE = [
  "itemNum",
  "type",
  "workstream",
  "title",
  "assignedTo",
  "severity",
  "percentComplete",
  "deadline",
  "start",
  "finish",
  "riskScore",
  "riskOwner",
  "updatedAt",
] as const;
export type SortBy = (typeof SORTABLE)[number];
export type SortState = { by: SortBy; dir: "asc" | "desc" };

export const DEFAULT_SORT: SortState = { by: "itemNum", dir: "asc" };
export const PAGE_SIZE = 200;

type ParamSource = URLSearchParams | Record<string, string | string[] | undefined>;

function all(sp: ParamSource, key: string): string[] {
  if (sp instanceof URLSearchParams) return sp.getAll(key);
  const v = sp[key];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}
const one = (sp: ParamSource, key: string) => all(sp, key)[0] ?? "";

export function parseItemFilters(sp: ParamSource): ItemFilters {
  const types = all(sp, "type").filter((t): t is ItemType => (ITEM_TYPES as readonly string[]).includes(t));
  return {
    types: [...new Set(types)],
    workstreams: [...new Set(all(sp, "ws").filter(Boolean))],
    assignees: [...new Set(all(sp, "who").filter(Boolean))],
    severities: [...new Set(all(sp, "sev"))].filter((s): s is Severity =>
      (SEVERITIES as readonly string[]).includes(s),
    ),
    openOnly: one(sp, "open") === "1",
    criticalOnly: one(sp, "critical") === "1",
    search: one(sp, "q").trim().slice(0, 200),
    includeDrafts: one(sp, "drafts") !== "0",
  };
}

export function parseSort(sp: ParamSource): SortState {
  const by = one(sp, "sort");
  const dir = one(sp, "dir") === "desc" ? "desc" : "asc";
  return isSortBy(by) ? { by, dir } : DEFAULT_SORT;
}

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

export function toSearchParams(f: ItemFilters, sort: SortState): URLSearchParams {
  const p = new URLSearchParams();
  for (const t of f.types) p.append("type", t);
  for (const w of f.workstreams) p.append("ws", w);
  for (const a of f.assignees) p.append("who", a);
  for (const s of f.severities) p.append("sev", s);
  if (f.openOnly) p.set("open", "1");
  if (f.criticalOnly) p.set("critical", "1");
  if (f.search) p.set("q", f.search);
  if (!f.includeDrafts) p.set("drafts", "0");
  if (sort.by !== DEFAULT_SORT.by || sort.dir !== DEFAULT_SORT.dir) {
    p.set("sort", sort.by);
    p.set("dir", sort.dir);
  }
  return p;
}

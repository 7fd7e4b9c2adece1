/**
 * The All-items filters and sort as they live in the URL query string, as nuqs
 * parsers — defined once, read by the server page (to prefetch the same list),
 * the items view (useQueryStates) and every link into a filtered list:
 *   ?type=Risk&type=Issue&ws=Build&who=Ana+Ruiz&sev=critical&open=1&critical=1&q=crane&drafts=0&sort=deadline&dir=desc
 * Parsed, the filters ARE an item filter (src/domain/item-filter.ts), so the
 * table (item.list) and its exports select the same items. Junk values are
 * dropped; defaults stay out of the URL.
 */
import {
  createLoader,
  createSerializer,
  type inferParserType,
  type LoaderInput,
  parseAsStringLiteral,
} from "nuqs/server";
import type { ItemFilter } from "@/domain/item-filter";
import { ITEM_TYPES, SEVERITIES } from "@/domain/types";
import { DEFAULT_SORT, SORTABLE, type SortState } from "./item-filters";
import { parseAsName, parseAsSetOf, parseAsText, parseAsToken } from "./url-parsers";

/**
 * The filters. Drafts are listed (marked as drafts, so their authors can
 * finish them) unless the URL says `drafts=0`.
 */
export const itemFilterParsers = {
  types: parseAsSetOf(parseAsStringLiteral(ITEM_TYPES)),
  workstreams: parseAsSetOf(parseAsName(100)),
  assignees: parseAsSetOf(parseAsName(200)),
  severities: parseAsSetOf(parseAsStringLiteral(SEVERITIES)),
  openOnly: parseAsToken("1"),
  criticalOnly: parseAsToken("1"),
  search: parseAsText(200),
  includeDrafts: parseAsToken("0", false),
};

/** An ItemFilter with the fields the filter bar sets always present (a compile error if it stops being one). */
export type ItemFilters = IsItemFilter<inferParserType<typeof itemFilterParsers>>;
type IsItemFilter<T extends ItemFilter> = T;

/** The sort: one column, server-side; both keys or neither (the default order) are written. */
export const itemSortParsers = {
  sort: parseAsStringLiteral(SORTABLE),
  dir: parseAsStringLiteral(["asc", "desc"] as const),
};
type SortValues = inferParserType<typeof itemSortParsers>;

export const itemListParsers = { ...itemFilterParsers, ...itemSortParsers };

/** The URL's names for the filters (the sort keys are their own names). */
export const itemListUrlKeys = {
  types: "type",
  workstreams: "ws",
  assignees: "who",
  severities: "sev",
  openOnly: "open",
  criticalOnly: "critical",
  search: "q",
  includeDrafts: "drafts",
} as const;

/** The URL sort as a SortState: an unknown column is the default order; a column without a direction is ascending. */
export function sortOf({ sort, dir }: SortValues): SortState {
  return sort ? { by: sort, dir: dir ?? "asc" } : DEFAULT_SORT;
}

/** A SortState as URL values: the default order writes neither key. */
export function sortValues(s: SortState): SortValues {
  const isDefault = s.by === DEFAULT_SORT.by && s.dir === DEFAULT_SORT.dir;
  return isDefault ? { sort: null, dir: null } : { sort: s.by, dir: s.dir };
}

const loadItemList = createLoader(itemListParsers, { urlKeys: itemListUrlKeys });

/** Filters and sort from a query string, URLSearchParams or a page's `searchParams` record. */
export function parseItemList(input: LoaderInput): {
  filters: ItemFilters;
  sort: SortState;
} {
  const { sort, dir, ...filters } = loadItemList(input);
  return { filters, sort: sortOf({ sort, dir }) };
}

const serializeItemList = createSerializer(itemListParsers, { urlKeys: itemListUrlKeys });

/**
 * A link to `path` (the All items view) with these filters and sort, e.g. a
 * dashboard card's "critical items": `itemListHref(path, { severities: ["critical"] })`.
 */
export function itemListHref(path: string, filters: Partial<ItemFilters> = {}, sort = DEFAULT_SORT): string {
  return serializeItemList(path, { ...filters, ...sortValues(sort) });
}

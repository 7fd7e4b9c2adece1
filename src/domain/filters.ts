/**
 * Item filtering and sorting for lists and exports (SPEC §7, §8). Items must
 * already carry their indicator (see `withIndicators`).
 *
 * Every filter field is optional and an omitted field (or an empty list)
 * restricts nothing, so `{}` keeps every item, drafts included — which is
 * what the CSV export of the fixtures expects. Set fields combine with AND.
 */
import { indicatorRank, isCritical, isOpen, severityOf } from "./indicators";
import type { Indicator, ItemRecord, ItemType, Severity } from "./types";

export type ItemFilter = {
  types?: readonly ItemType[];
  /** Names match case-insensitively; `null` matches items without a workstream. */
  workstreams?: readonly (string | null)[];
  /** Names match case-insensitively; `null` matches unassigned items. */
  assignees?: readonly (string | null)[];
  /** `null` matches items without an indicator. */
  indicators?: readonly (Indicator | null)[];
  severities?: readonly Severity[];
  /** Leaves out Completed and Completed Recently. */
  openOnly?: boolean;
  criticalOnly?: boolean;
  /** Items carrying at least one of these report codes (case-insensitive). */
  rptOut?: readonly string[];
  /** Every word must start a word of the title or description (case-insensitive); `#12` matches item 12. */
  search?: string;
  /** `false` leaves drafts out. */
  includeDrafts?: boolean;
  /** What a client may see: client-visible, non-draft items only. */
  clientView?: boolean;
};

type Predicate = (item: ItemRecord) => boolean;

const fold = (s: string): string => s.trim().toLowerCase();

/** Membership test on an optional name, with `null` meaning "none set". */
function nameIn(allowed: readonly (string | null)[]): (name: string | null) => boolean {
  const names = new Set(allowed.map((n) => (n === null ? null : fold(n))));
  return (name) => names.has(name === null ? null : fold(name));
}

/** Lower-case words of letters and digits: how search text and searched text are both split. */
export function searchWordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .normalize("NFKC")
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

/**
 * What a search box asks for: `#12` names item 12; every other word must
 * start a word of the title or description ("migr" finds "Migration", "endor"
 * does not find "vendor") — the rule PostgreSQL full-text prefix search
 * applies on the server, so lists, exports and the assistant agree.
 */
export function parseSearch(query: string): { words: string[]; itemNums: number[] } {
  const words: string[] = [];
  const itemNums: number[] = [];
  for (const token of query.trim().split(/\s+/).filter(Boolean).slice(0, 8)) {
    const num = /^#(\d{1,9})$/.exec(token);
    if (num) itemNums.push(Number(num[1]));
    else words.push(...searchWordsOf(token));
  }
  return { words: words.slice(0, 8), itemNums };
}

function matchesSearch(query: string): Predicate {
  const { words, itemNums } = parseSearch(query);
  return (item) => {
    if (!itemNums.every((n) => n === item.itemNum)) return false;
    if (!words.length) return true;
    const have = searchWordsOf(`${item.title}\n${item.description ?? ""}`);
    return words.every((w) => have.some((h) => h.startsWith(w)));
  };
}

/** The predicates for the fields that are set; an empty list means "no restriction". */
function predicatesOf(filter: ItemFilter): Predicate[] {
  const { types, workstreams, assignees, indicators, severities, rptOut, search } = filter;
  const preds: Predicate[] = [];
  if (types?.length) preds.push((i) => types.includes(i.type));
  if (workstreams?.length) {
    const ok = nameIn(workstreams);
    preds.push((i) => ok(i.workstream));
  }
  if (assignees?.length) {
    const ok = nameIn(assignees);
    preds.push((i) => ok(i.assignedTo));
  }
  if (indicators?.length) preds.push((i) => indicators.includes(i.indicator));
  if (severities?.length) {
    preds.push((i) => {
      const s = severityOf(i.indicator);
      return s !== null && severities.includes(s);
    });
  }
  if (filter.openOnly) preds.push((i) => isOpen(i.indicator));
  if (filter.criticalOnly) preds.push((i) => isCritical(i.indicator));
  if (rptOut?.length) {
    const codes = new Set(rptOut.map(fold));
    preds.push((i) => i.rptOut.some((c) => codes.has(fold(c))));
  }
  if (search?.trim()) preds.push(matchesSearch(search));
  if (filter.includeDrafts === false) preds.push((i) => !i.draft);
  if (filter.clientView) preds.push((i) => i.clientVisible && !i.draft);
  return preds;
}

export function applyFilters<T extends ItemRecord>(items: readonly T[], filter: ItemFilter): T[] {
  const preds = predicatesOf(filter);
  return items.filter((item) => preds.every((p) => p(item)));
}

// ---------------------------------------------------------------------------
// Sorting
// ---------------------------------------------------------------------------

/** `updatedAt` is not part of ItemRecord; lists that have it may sort on it. */
export type SortableItem = ItemRecord & { updatedAt?: Date | string | null };

export const SORT_KEYS = [
  "itemNum",
  "type",
  "workstream",
  "title",
  "assignedTo",
  "start",
  "finish",
  "deadline",
  "percentComplete",
  "indicator",
  "updatedAt",
] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortSpec = { by: SortKey; dir?: "asc" | "desc" };

type SortValue = string | number | null;

const collator = new Intl.Collator("en", { sensitivity: "base", numeric: true });

/**
 * The value compared for a key. Indicators sort by display order, which is
 * also severity order (most urgent first); dates as ISO strings.
 */
function sortValue(item: SortableItem, by: SortKey): SortValue {
  switch (by) {
    case "indicator":
      return item.indicator === null ? null : indicatorRank(item.indicator);
    case "updatedAt":
      return item.updatedAt == null ? null : new Date(item.updatedAt).getTime();
    default:
      return item[by];
  }
}

function compareValues(a: SortValue, b: SortValue): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  return collator.compare(String(a), String(b));
}

/**
 * A sorted copy. Empty values go last in either direction (a PM looking for
 * the nearest deadline never wants the undated items first); ties fall back
 * to item number, ascending, so the order is always the same.
 */
export function sortItems<T extends SortableItem>(items: readonly T[], { by, dir = "asc" }: SortSpec): T[] {
  const sign = dir === "desc" ? -1 : 1;
  return [...items].sort((x, y) => {
    const a = sortValue(x, by);
    const b = sortValue(y, by);
    if (a === null || b === null) {
      if (a !== b) return a === null ? 1 : -1;
    } else {
      const c = compareValues(a, b);
      if (c !== 0) return sign * c;
    }
    return x.itemNum - y.itemNum;
  });
}

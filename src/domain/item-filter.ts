/**
 * The one item filter (SPEC §7, §8): its type and validator, and both ways of
 * applying it — `applyFilters` over records in memory (exports, the assistant)
 * and `itemFilterSql` as a condition of the item list's SQL (All items) — side
 * by side, so they cannot drift apart. The All-items URL parses into the same
 * type (src/lib/item-filter-params.ts). tests/integration/item-filter-equivalence
 * checks that both return the same items on the v1 fixtures.
 *
 * Every field is optional; an omitted field (or an empty list) restricts
 * nothing, and set fields combine with AND. Where the two engines could read
 * a field differently, this is what they both do:
 * - Names (workstreams, assignees) and report codes match case-insensitively;
 *   the filter's values are trimmed and lower-cased (`foldName`), the item's
 *   value only lower-cased (writers store them trimmed). A user picks "build"
 *   or types "CL" and expects "Build" and "cl" items alike.
 * - Search: `#12` names item 12; every other word must start a word of the
 *   title or description; words are runs of letters and digits (the stored
 *   search_vector splits text the same way); at most MAX_SEARCH_TERMS terms
 *   count, in both engines.
 * - Drafts are left out unless the filter asks for them (`includeDrafts:
 *   true`): half-written items never reach a report or an answer by accident.
 *   The views that should show them ask: item.list and exports default
 *   `includeDrafts` to true at the API boundary (src/contracts), and so does
 *   the All-items URL (`drafts=0` hides them).
 * - `clientView` keeps client-visible, non-draft items only.
 */
import { z } from "zod";
import { indicatorRank, indicatorsOfSeverity, isCritical, isOpen, severityOf } from "./indicators";
import { INDICATORS, ITEM_TYPES, SEVERITIES, type ItemRecord } from "./types";

export const ZItemFilter = z.object({
  types: z.array(z.enum(ITEM_TYPES)).optional(),
  /** Workstream names; null = items without a workstream. */
  workstreams: z.array(z.string().max(100).nullable()).optional(),
  /** Assignee names; null = unassigned. */
  assignees: z.array(z.string().max(200).nullable()).optional(),
  /** null = items without an indicator. */
  indicators: z.array(z.enum(INDICATORS).nullable()).optional(),
  severities: z.array(z.enum(SEVERITIES)).optional(),
  /** Leaves out Completed and Completed Recently. */
  openOnly: z.boolean().optional(),
  criticalOnly: z.boolean().optional(),
  /** Items carrying at least one of these report codes. */
  rptOut: z.array(z.string().trim().min(1).max(20)).optional(),
  /** Words in the title or description; "#12" finds item 12. */
  search: z.string().trim().max(200).optional(),
  /** Drafts are left out unless this is true. */
  includeDrafts: z.boolean().optional(),
  /** What a client may see: client-visible, non-draft items only. */
  clientView: z.boolean().optional(),
});
export type ItemFilter = z.infer<typeof ZItemFilter>;

/** What a filter looks at; item.list rows and loaded records both have it. */
export type FilterableItem = Pick<
  ItemRecord,
  | "itemNum"
  | "type"
  | "title"
  | "description"
  | "workstream"
  | "assignedTo"
  | "indicator"
  | "rptOut"
  | "draft"
  | "clientVisible"
>;

/** How a filter value is compared with names and codes (the item's side is only lower-cased). */
export const foldName = (s: string): string => s.trim().toLowerCase();

const foldAll = (names: readonly (string | null)[]) => [
  ...new Set(names.filter((n): n is string => n !== null).map(foldName)),
];

/** At most this many search terms (words and `#numbers`) count; the rest are ignored. */
export const MAX_SEARCH_TERMS = 8;

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
  for (const token of query.trim().split(/\s+/).filter(Boolean).slice(0, MAX_SEARCH_TERMS)) {
    const num = /^#(\d{1,9})$/.exec(token);
    if (num) itemNums.push(Number(num[1]));
    else words.push(...searchWordsOf(token));
  }
  return { words: words.slice(0, MAX_SEARCH_TERMS), itemNums };
}

// ---------------------------------------------------------------------------
// In memory
// ---------------------------------------------------------------------------

type Predicate = (item: FilterableItem) => boolean;

/** Membership test on an optional name, with `null` meaning "none set". */
function nameIn(allowed: readonly (string | null)[]): (name: string | null) => boolean {
  const names = new Set(foldAll(allowed));
  const none = allowed.includes(null);
  return (name) => (name === null ? none : names.has(name.toLowerCase()));
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
  if (!filter.includeDrafts || filter.clientView) preds.push((i) => !i.draft);
  if (filter.clientView) preds.push((i) => i.clientVisible);
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
    const codes = new Set(foldAll(rptOut));
    preds.push((i) => i.rptOut.some((c) => codes.has(c.toLowerCase())));
  }
  if (search?.trim()) preds.push(matchesSearch(search));
  return preds;
}

export function applyFilters<T extends FilterableItem>(items: readonly T[], filter: ItemFilter): T[] {
  const preds = predicatesOf(filter);
  return items.filter((item) => preds.every((p) => p(item)));
}

// ---------------------------------------------------------------------------
// In SQL
// ---------------------------------------------------------------------------

/**
 * A parameterised SQL fragment: `strings` around `values`, as a template tag
 * receives them (so Prisma's `new Sql(strings, values)` takes it as is). The
 * domain builds SQL text without a database client.
 */
export type SqlFragment = { readonly strings: readonly string[]; readonly values: readonly unknown[] };

const isFragment = (v: unknown): v is SqlFragment =>
  typeof v === "object" &&
  v !== null &&
  "strings" in v &&
  "values" in v &&
  Array.isArray((v as SqlFragment).strings);

/** Appends `frag` to the fragment being built in `strings`/`values`. */
function appendFragment(strings: string[], values: unknown[], frag: SqlFragment) {
  strings[strings.length - 1] += frag.strings[0] ?? "";
  frag.values.forEach((v, k) => {
    values.push(v);
    strings.push(frag.strings[k + 1] ?? "");
  });
}

/** Template tag: values become parameters, nested fragments are spliced in. */
export function sqlFragment(parts: TemplateStringsArray, ...values: unknown[]): SqlFragment {
  const strings = [parts[0] ?? ""];
  const out: unknown[] = [];
  values.forEach((v, k) => {
    if (isFragment(v)) appendFragment(strings, out, v);
    else {
      out.push(v);
      strings.push("");
    }
    strings[strings.length - 1] += parts[k + 1] ?? "";
  });
  return { strings, values: out };
}

export function joinFragments(frags: readonly SqlFragment[], separator: string): SqlFragment {
  const strings = [""];
  const values: unknown[] = [];
  frags.forEach((f, k) => {
    if (k > 0) strings[strings.length - 1] += separator;
    appendFragment(strings, values, f);
  });
  return { strings, values };
}

/** The fragment as text with `$1, $2…` placeholders (for tests and logs). */
export function fragmentText(f: SqlFragment): string {
  return f.strings.reduce((text, s, k) => `${text}$${k}${s}`);
}

const sql = sqlFragment;

/** `col = ANY(list)`, OR `col IS NULL` when the list holds null; null when the list is empty. */
function inOrNull(col: SqlFragment, list: readonly (string | null)[]): SqlFragment | null {
  const named = list.filter((v): v is string => v !== null);
  const parts = [
    ...(named.length ? [sql`${col} = ANY(${named}::text[])`] : []),
    ...(list.includes(null) ? [sql`${col} IS NULL`] : []),
  ];
  return parts.length ? sql`(${joinFragments(parts, " OR ")})` : null;
}

/** Folded names, keeping `null` ("none set"). */
const foldWithNull = (names: readonly (string | null)[]) => [
  ...foldAll(names),
  ...(names.includes(null) ? [null] : []),
];

/**
 * The filter as one SQL condition over `items i LEFT JOIN workstreams w ON
 * w.id = i.workstream_id` — the same rules as `applyFilters`, item for item.
 * Project and deletion are the caller's conditions; `TRUE` when nothing is set.
 */
export function itemFilterSql(filter: ItemFilter): SqlFragment {
  const { types, workstreams, assignees, indicators, severities, rptOut, search } = filter;
  const and: SqlFragment[] = [];
  const push = (c: SqlFragment | null) => void (c && and.push(c));
  if (!filter.includeDrafts || filter.clientView) and.push(sql`NOT i.draft`);
  if (filter.clientView) and.push(sql`i.client_visible`);
  if (types?.length) push(inOrNull(sql`i.type`, types));
  if (workstreams?.length) push(inOrNull(sql`lower(w.name)`, foldWithNull(workstreams)));
  if (assignees?.length) push(inOrNull(sql`lower(i.assigned_to)`, foldWithNull(assignees)));
  if (indicators?.length) push(inOrNull(sql`i.indicator`, indicators));
  if (severities?.length)
    push(
      inOrNull(
        sql`i.indicator`,
        severities.flatMap((v) => indicatorsOfSeverity(v)),
      ) ?? sql`false`,
    );
  if (filter.openOnly)
    and.push(sql`(i.indicator IS NULL OR i.indicator NOT IN ('Completed', 'Completed Recently'))`);
  if (filter.criticalOnly) and.push(sql`i.indicator = ANY(${indicatorsOfSeverity("critical")}::text[])`);
  if (rptOut?.length)
    and.push(
      sql`EXISTS (SELECT 1 FROM unnest(i.rpt_out) AS code WHERE lower(code) = ANY(${foldAll(rptOut)}::text[]))`,
    );
  if (search?.trim()) {
    // Word starts, matched against the stored full-text document (the rule global search uses).
    // ts_match_vq is the @@ operator spelled as a function, so the planner does not reach for the
    // org-wide GIN index: for a common word that index yields every match in every project, while
    // checking this project's rows (found through the project index) is bounded by the project's size.
    const { words, itemNums } = parseSearch(search);
    for (const n of itemNums) and.push(sql`i.item_num = ${n}`);
    if (words.length)
      and.push(
        sql`ts_match_vq(i.search_vector, to_tsquery('simple', ${words.map((w) => `${w}:*`).join(" & ")}))`,
      );
  }
  return and.length ? joinFragments(and, " AND ") : sql`TRUE`;
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

/**
 * A short, file-name-safe description of a filter ("critical-open-risk"), so an
 * exported file says which items it holds; "" for no filter (whether drafts
 * are in is not a narrowing, so it is left out). At most 50
 * characters, cut at a word.
 */
export function filterSlug(f: ItemFilter): string {
  const words: string[] = [];
  if (f.clientView) words.push("client");
  if (f.criticalOnly) words.push("critical");
  for (const s of f.severities ?? []) words.push(s);
  if (f.openOnly) words.push("open");
  for (const t of f.types ?? []) words.push(t);
  for (const i of f.indicators ?? []) words.push(i ?? "no-indicator");
  for (const w of f.workstreams ?? []) words.push(w ?? "no-workstream");
  for (const a of f.assignees ?? []) words.push(a ?? "unassigned");
  for (const r of f.rptOut ?? []) words.push(r);
  if (f.search) words.push("search", f.search);
  const slug = [...new Set(words)]
    .join("-")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (slug.length <= 50) return slug;
  const cut = slug.slice(0, 51);
  return cut.slice(0, cut.lastIndexOf("-") > 0 ? cut.lastIndexOf("-") : 50).replace(/-+$/, "");
}

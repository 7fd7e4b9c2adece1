/**
 * Optimistic quick edits in the All items table: pure helpers that patch one
 * row inside the cached `item.list` infinite-query pages, put the server's
 * answer in its place, and roll a failed edit back without clobbering a newer
 * copy of the row (a live refresh may have replaced it meanwhile).
 *
 * Every helper returns the same object when nothing changes, so react-query
 * does not re-render for no reason.
 */
import { computeIndicator, severityOf, type IndicatorInput } from "@/domain/indicators";
import type { Indicator, IsoDate, Severity } from "@/domain/types";

/** The fields a quick edit may change. */
export type QuickEditChanges = { percentComplete?: number; assignedTo?: string | null };

/** What a cached list row needs for a quick edit (item.list rows have all of it). */
export type QuickEditRow = IndicatorInput & {
  itemNum: number;
  version: number;
  assignedTo: string | null;
  indicator: Indicator | null;
  severity: Severity | null;
};

export type ListPage<R> = { items: R[]; total: number; nextCursor: number | null };
export type ListPages<R> = { pages: ListPage<R>[]; pageParams: unknown[] };
/** The row type of cached pages. */
export type RowOf<D> = D extends ListPages<infer R> ? R : never;

/** The row with this item number in the loaded pages, if any. */
export function findRow<R extends { itemNum: number }>(
  data: ListPages<R> | undefined,
  itemNum: number,
): R | undefined {
  for (const page of data?.pages ?? []) {
    const row = page.items.find((r) => r.itemNum === itemNum);
    if (row) return row;
  }
  return undefined;
}

/** Replaces the row `fn` maps to something else; untouched pages (and data) keep their identity. */
export function mapRow<D extends ListPages<{ itemNum: number }>>(
  data: D | undefined,
  itemNum: number,
  fn: (row: RowOf<D>) => RowOf<D>,
): D | undefined {
  if (!data) return data;
  let changed = false;
  const pages = data.pages.map((page) => {
    const at = page.items.findIndex((r) => r.itemNum === itemNum);
    if (at < 0) return page;
    const next = fn(page.items[at] as RowOf<D>);
    if (next === page.items[at]) return page;
    changed = true;
    const items = page.items.slice();
    items[at] = next;
    return { ...page, items };
  });
  return changed ? { ...data, pages } : data;
}

/** Only the keys of `changes` that are really set (undefined means "leave alone"). */
function definedChanges(changes: QuickEditChanges): QuickEditChanges {
  const out: QuickEditChanges = {};
  if (changes.percentComplete !== undefined) out.percentComplete = changes.percentComplete;
  if (changes.assignedTo !== undefined) out.assignedTo = changes.assignedTo;
  return out;
}

/** Does the row already show these values? */
export function hasValues(row: QuickEditRow, changes: QuickEditChanges): boolean {
  const c = definedChanges(changes);
  return (
    (c.percentComplete === undefined || row.percentComplete === c.percentComplete) &&
    (c.assignedTo === undefined || (row.assignedTo ?? null) === (c.assignedTo ?? null))
  );
}

/**
 * The row as the user expects to see it after the edit: new values and the
 * indicator recomputed as of `today` (the server's answer replaces it moments later).
 */
export function applyQuickEdit<R extends QuickEditRow>(row: R, changes: QuickEditChanges, today: IsoDate): R {
  const c = definedChanges(changes);
  if (hasValues(row, c)) return row;
  const next = { ...row, ...c };
  const indicator = computeIndicator(next, today);
  return { ...next, indicator, severity: severityOf(indicator) };
}

export type OptimisticPatch<R, D> = {
  /** The pages with the edit applied (the same object when the row is not loaded). */
  data: D | undefined;
  /** The row before the edit, for a rollback; undefined when the row is not loaded. */
  previous: R | undefined;
  /** The optimistic row now in the cache. */
  optimistic: R | undefined;
};

/** Applies a quick edit to the cached pages. */
export function patchRow<D extends ListPages<QuickEditRow>>(
  data: D | undefined,
  itemNum: number,
  changes: QuickEditChanges,
  today: IsoDate,
): OptimisticPatch<RowOf<D>, D> {
  const previous = findRow(data, itemNum) as RowOf<D> | undefined;
  if (!previous) return { data, previous: undefined, optimistic: undefined };
  const optimistic = applyQuickEdit(previous, changes, today);
  return { data: mapRow(data, itemNum, () => optimistic), previous, optimistic };
}

/**
 * Puts the server's copy of an item in place of the cached row (after a save, or
 * the current item a CONFLICT carries) unless the cache already holds a newer version.
 */
export function replaceRow<D extends ListPages<{ itemNum: number; version: number }>>(
  data: D | undefined,
  fresh: RowOf<D>,
): D | undefined {
  return mapRow(data, fresh.itemNum, (row) => (row.version > fresh.version ? row : { ...row, ...fresh }));
}

/**
 * `replaceRow` for any cached item.list answer: the infinite pages of All items
 * or a single page (the active and chronology views). Anything else is kept.
 */
export function replaceListedRow(data: unknown, fresh: { itemNum: number; version: number }): unknown {
  const isPage = (d: unknown): d is ListPage<{ itemNum: number; version: number }> =>
    !!d && typeof d === "object" && Array.isArray((d as { items?: unknown }).items);
  if (data && typeof data === "object" && Array.isArray((data as { pages?: unknown }).pages))
    return (data as ListPages<unknown>).pages.every(isPage)
      ? replaceRow(data as ListPages<{ itemNum: number; version: number }>, fresh)
      : data;
  if (isPage(data)) {
    const next = replaceRow({ pages: [data], pageParams: [null] }, fresh);
    return next?.pages[0] ?? data;
  }
  return data;
}

/**
 * Undoes a failed quick edit: the row goes back to `previous` only while the
 * cache still holds our optimistic copy. If something newer arrived meanwhile
 * (a live refresh, the editor saving), that copy stays.
 */
export function rollbackRow<D extends ListPages<QuickEditRow>>(
  data: D | undefined,
  previous: RowOf<D>,
  optimistic: RowOf<D>,
): D | undefined {
  return mapRow(data, previous.itemNum, (row) => {
    if (row === optimistic) return previous;
    // A refetch may have produced an equal copy of our optimistic row: compare by content.
    const same =
      row.version === optimistic.version &&
      row.percentComplete === optimistic.percentComplete &&
      (row.assignedTo ?? null) === (optimistic.assignedTo ?? null);
    return same ? previous : row;
  });
}

/** A whole number 0–100 from what the user typed, or null. */
export function parsePercent(text: string): number | null {
  const t = text.trim().replace(/%$/, "").trim();
  if (!/^\d{1,3}$/.test(t)) return null;
  const n = Number(t);
  return n >= 0 && n <= 100 ? n : null;
}

/** An assignee name as the server stores it: trimmed, empty → unassigned (null). */
export function normalizeAssignee(text: string): string | null {
  const t = text.trim().replace(/\s+/g, " ");
  return t ? t.slice(0, 200) : null;
}

/** Known names matching what was typed (case-insensitive, start-of-word first), at most `limit`. */
export function assigneeSuggestions(known: readonly string[], query: string, limit = 6): string[] {
  const q = query.trim().toLowerCase();
  if (!q) return known.slice(0, limit);
  const starts: string[] = [];
  const contains: string[] = [];
  for (const name of known) {
    const n = name.toLowerCase();
    if (n.startsWith(q) || n.split(/\s+/).some((w) => w.startsWith(q))) starts.push(name);
    else if (n.includes(q)) contains.push(name);
  }
  return [...starts, ...contains].slice(0, limit);
}

/** Toast text for a saved quick edit, e.g. "Progress 40%" or "Assigned to Bo Chen". */
export function describeQuickEdit(changes: QuickEditChanges): string {
  const parts: string[] = [];
  if (changes.percentComplete !== undefined) parts.push(`Progress ${changes.percentComplete}%`);
  if (changes.assignedTo !== undefined)
    parts.push(changes.assignedTo ? `Assigned to ${changes.assignedTo}` : "Unassigned");
  return parts.join(" · ");
}

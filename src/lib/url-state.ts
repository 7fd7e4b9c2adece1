/**
 * View state (filters, sort, open item, tab, zoom) lives in the query string,
 * read and written through nuqs `useQueryState(s)` with the parsers of each
 * view (src/lib/item-filter-params.ts, src/lib/url-parsers.ts; the adapter is
 * mounted in src/components/providers.tsx). Updates are shallow: no server
 * render per click, the client queries refetch what changed; reload, share and
 * Back still work. This file is the history rule nuqs cannot express by
 * itself: which changes are a history entry of their own.
 */
import { PHONE_MEDIA } from "@/lib/use-media-query";

/** Below Tailwind's `sm`: phones keep their own history entries for full-screen sheets. */
function onPhone(): boolean {
  return window.matchMedia(PHONE_MEDIA).matches;
}

/**
 * The history option for a view-state change: `push` (a new entry, so Back
 * restores the previous state) for a step worth going back to — a filter
 * picked on desktop — and `replace` otherwise (typing, sorting, and every
 * change on phones, whose Back button belongs to the full-screen sheets).
 */
export function historyFor(step: boolean): "push" | "replace" {
  return step && !onPhone() ? "push" : "replace";
}

/** Marks the history entry that opening an item pushed (see {@link itemStep}). */
export const ITEM_ENTRY_KEY = "braidmgrItem";

/**
 * What opening (`item` = its number) or closing (`null`) the item editor does
 * to the history, given whether the current entry is one an opening pushed:
 * - opening on desktop pushes an entry (marked), so the browser's Back closes it;
 * - switching items while one is open replaces that entry (still marked);
 * - closing from inside steps `back` out of the marked entry, so Back never reopens it;
 * - phones replace: the full-screen editor has its own Back entry (useBackToClose);
 * - a deep link has no entry of ours, so closing it replaces the URL.
 */
export function itemStep(
  item: number | null,
  onItemEntry: boolean,
): { history: "push" | "replace"; mark: boolean } | "back" {
  if (item === null) return onItemEntry ? "back" : { history: "replace", mark: false };
  if (onItemEntry) return { history: "replace", mark: true };
  const history = historyFor(true);
  return { history, mark: history === "push" };
}

/** Whether the current history entry is one that opening an item pushed. */
export function onItemEntry(): boolean {
  const state = window.history.state as Record<string, unknown> | null;
  return !!state?.[ITEM_ENTRY_KEY];
}

/** Marks the current history entry as pushed by opening an item (keeping the router's own state). */
export function markItemEntry(): void {
  const state = (window.history.state as Record<string, unknown> | null) ?? {};
  window.history.replaceState({ ...state, [ITEM_ENTRY_KEY]: true }, "");
}

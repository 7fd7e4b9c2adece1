import { PHONE_MEDIA } from "@/lib/use-media-query";

/**
 * Put view state (filters, sort, open item, tab, zoom) in the query string
 * without a navigation: Next.js keeps `useSearchParams` in step with
 * `history.replaceState`, and the client queries refetch what changed, so
 * there is no server render per click. Reload, share and Back still work.
 */
export function replaceSearchParams(pathname: string, params: URLSearchParams): void {
  const qs = params.toString();
  window.history.replaceState(null, "", qs ? `${pathname}?${qs}` : pathname);
}

/** Marks the history entry that opening an item pushed (see {@link setItemParam}). */
const ITEM_ENTRY_KEY = "braidmgrItem";

function urlOf(pathname: string, params: URLSearchParams): string {
  const qs = params.toString();
  return qs ? `${pathname}?${qs}` : pathname;
}

/** Below Tailwind's `sm`: phones keep their own history entries for full-screen sheets. */
function onPhone(): boolean {
  return window.matchMedia(PHONE_MEDIA).matches;
}

/**
 * Like {@link replaceSearchParams}, but a new history entry, so Back returns to
 * the previous view state (a filter change on desktop). Phones replace: their
 * Back button belongs to the full-screen sheets.
 */
export function pushSearchParams(pathname: string, params: URLSearchParams): void {
  if (onPhone()) {
    replaceSearchParams(pathname, params);
    return;
  }
  // A fresh state object: Next.js adds its own keys and keeps useSearchParams in step.
  window.history.pushState({}, "", urlOf(pathname, params));
}

/**
 * Opens (`item` = its number) or closes (`null`) the item editor in the URL
 * (`?item=12`), keeping the other parameters. On desktop opening pushes a
 * history entry, so the browser's Back closes the item; closing from inside
 * steps back out of that entry (so Back does not reopen it). Phones replace:
 * the full-screen editor has its own Back handling (useBackToClose). A deep
 * link has no entry of ours to leave, so closing it replaces the URL.
 */
export function setItemParam(pathname: string, params: URLSearchParams, item: number | null): void {
  const state = window.history.state as Record<string, unknown> | null;
  const onItemEntry = !!state?.[ITEM_ENTRY_KEY];
  const next = new URLSearchParams(params);
  if (item === null) {
    next.delete("item");
    if (onItemEntry) window.history.back();
    else replaceSearchParams(pathname, next);
    return;
  }
  next.set("item", String(item));
  if (onItemEntry) window.history.replaceState({ [ITEM_ENTRY_KEY]: true }, "", urlOf(pathname, next));
  else if (onPhone()) replaceSearchParams(pathname, next);
  else window.history.pushState({ [ITEM_ENTRY_KEY]: true }, "", urlOf(pathname, next));
}

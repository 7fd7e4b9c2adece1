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

"use client";

import { useEffect } from "react";

/** Removes ?token= from the address bar (history, shared screens, referrers) once the page has read it. */
export function useStripTokenFromUrl(): void {
  useEffect(() => {
    const url = new URL(window.location.href);
    if (!url.searchParams.has("token")) return;
    url.searchParams.delete("token");
    window.history.replaceState(window.history.state, "", url.pathname + url.search + url.hash);
  }, []);
}

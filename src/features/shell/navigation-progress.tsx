"use client";

import { usePathname } from "next/navigation";
import { useEffect, useRef, useState } from "react";

/**
 * A thin bar across the top of the window from the moment a link to another
 * page is followed until that page is on screen, so a slow network never
 * leaves a stale page looking finished. Only page changes count (a different
 * path): links that change the query string (filters, the open item) update
 * the page in place and show their own state.
 */
export function NavigationProgress() {
  const pathname = usePathname();
  const [active, setActive] = useState(false);
  const started = useRef<string | null>(null);

  useEffect(() => {
    const onClick = (e: MouseEvent) => {
      // Not `defaultPrevented`: Next's <Link> always prevents the browser's own navigation.
      if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const a = (e.target as Element | null)?.closest?.("a[href]");
      if (!(a instanceof HTMLAnchorElement) || a.target === "_blank" || a.hasAttribute("download")) return;
      const url = new URL(a.href, window.location.href);
      if (url.origin !== window.location.origin || url.pathname === window.location.pathname) return;
      started.current = window.location.pathname;
      setActive(true);
    };
    document.addEventListener("click", onClick);
    return () => document.removeEventListener("click", onClick);
  }, []);

  // The new page has rendered (or the user went Back): done.
  useEffect(() => {
    if (started.current !== null && started.current !== pathname) {
      started.current = null;
      setActive(false);
    }
  }, [pathname]);

  // Never spin forever (a navigation something cancelled, a download): give up after 10 s.
  useEffect(() => {
    if (!active) return;
    const t = window.setTimeout(() => setActive(false), 10_000);
    return () => window.clearTimeout(t);
  }, [active]);

  if (!active) return null;
  return (
    <div
      role="progressbar"
      aria-label="Loading page"
      data-testid="navigation-progress"
      className="pointer-events-none fixed inset-x-0 top-0 z-[80] h-0.5 overflow-hidden bg-blue-100"
    >
      <div className="h-full w-1/3 animate-[nav-progress_1.1s_ease-in-out_infinite] bg-blue-600" />
    </div>
  );
}

"use client";

import { useCallback, useSyncExternalStore } from "react";

/** Phones and narrow windows: below Tailwind's `sm` breakpoint. */
export const PHONE_MEDIA = "(max-width: 639.98px)";

/**
 * Whether a CSS media query matches, kept up to date. On the server (and in
 * the first client render, so hydration matches) it is false.
 */
export function useMediaQuery(query: string): boolean {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const list = window.matchMedia(query);
      list.addEventListener("change", onChange);
      return () => list.removeEventListener("change", onChange);
    },
    [query],
  );
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(query).matches,
    () => false,
  );
}

"use client";

import { useSyncExternalStore } from "react";
import { formatDateTime, formatRelative } from "@/lib/format";

/**
 * One clock for every relative time on the page: a counter that ticks every half minute while any is
 * shown, so a table of rows does not run a timer (and a second render on mount) per cell. A tick only
 * asks for a re-render; the text is always worked out against the time of the render, so an item
 * saved a moment ago never reads "in 1 minute".
 */
let tick = 0;
let timer: ReturnType<typeof setInterval> | undefined;
const listeners = new Set<() => void>();

function subscribe(listener: () => void) {
  listeners.add(listener);
  if (listeners.size === 1) {
    timer = setInterval(() => {
      tick += 1;
      for (const l of listeners) l();
    }, 30_000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) clearInterval(timer);
  };
}

/**
 * "5 minutes ago" as a <time> element with the exact date and time on hover. The server and the
 * browser render it moments (and maybe time zones) apart, so the text may legitimately differ at
 * hydration: the mismatch is suppressed here, on this one element, and the shared clock refreshes
 * the text so "just now" does not stay on screen for an hour.
 */
export function RelativeTime({ value, className }: { value: Date | string; className?: string }) {
  useSyncExternalStore(
    subscribe,
    () => tick,
    () => 0,
  );
  const date = new Date(value);
  return (
    <time
      dateTime={date.toISOString()}
      title={formatDateTime(date)}
      className={className}
      suppressHydrationWarning
    >
      {formatRelative(date)}
    </time>
  );
}

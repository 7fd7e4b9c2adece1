"use client";

import { useEffect, useState } from "react";
import { formatDateTime, formatRelative } from "@/lib/format";

/**
 * "5 minutes ago" as a <time> element with the exact date and time on hover. The server and the
 * browser render it moments (and maybe time zones) apart, so the text may legitimately differ at
 * hydration: the mismatch is suppressed here, on this one element, and the text refreshes every
 * half minute so "just now" does not stay on screen for an hour.
 */
export function RelativeTime({ value, className }: { value: Date | string; className?: string }) {
  const [now, setNow] = useState<Date | null>(null);
  useEffect(() => {
    setNow(new Date());
    const timer = window.setInterval(() => setNow(new Date()), 30_000);
    return () => window.clearInterval(timer);
  }, []);
  const date = new Date(value);
  return (
    <time dateTime={date.toISOString()} title={formatDateTime(date)} className={className} suppressHydrationWarning>
      {formatRelative(date, now ?? undefined)}
    </time>
  );
}

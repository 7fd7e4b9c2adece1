"use client";

import { ChevronRight } from "lucide-react";
import { LoadMore } from "@/components/load-more";

/**
 * A paged log (the audit log, the access log): its entries newest first, each a disclosure
 * (`LogEntry`), and "Load more" under them.
 */
export function LogEntries({
  query,
  count,
  children,
  ...rest
}: {
  query: React.ComponentProps<typeof LoadMore>["query"];
  /** Entries shown so far. */
  count: number;
  children: React.ReactNode;
  "data-testid"?: string;
}) {
  return (
    <>
      <ol className="flex flex-col gap-2" {...rest}>
        {children}
      </ol>
      <LoadMore query={query} count={count} />
    </>
  );
}

/** One log entry: a summary line that opens onto the changes it made (`children`). */
export function LogEntry({
  summary,
  aside,
  children,
}: {
  /** What happened, and when and by whom. */
  summary: React.ReactNode;
  /** At the end of the summary line. */
  aside?: React.ReactNode;
  children: React.ReactNode;
}) {
  return (
    <li>
      <details className="group rounded-xl border border-slate-200 bg-white open:shadow-sm">
        <summary className="flex cursor-pointer list-none items-start gap-3 rounded-xl px-4 py-3 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-blue-600 [&::-webkit-details-marker]:hidden">
          <ChevronRight
            className="mt-0.5 size-4 shrink-0 text-slate-500 transition-transform group-open:rotate-90"
            aria-hidden="true"
          />
          <div className="min-w-0 flex-1">{summary}</div>
          {aside}
        </summary>
        <div className="border-t border-slate-100 px-4 py-3">{children}</div>
      </details>
    </li>
  );
}

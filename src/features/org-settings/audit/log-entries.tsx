"use client";

import { ChevronRight } from "lucide-react";
import { LoadMore } from "@/components/load-more";
import { QueryError } from "@/components/query-error";
import { LoadingRegion, Skeleton } from "@/components/ui/skeleton";

type LogQuery<E> = React.ComponentProps<typeof LoadMore>["query"] & {
  data: { pages: { entries: E[] }[] } | undefined;
  isPending: boolean;
  isFetching: boolean;
  isError: boolean;
  error: unknown;
  refetch: () => unknown;
};

/**
 * A paged log (the audit log, the access log) read from its infinite query: skeleton rows while the
 * first page loads (`rows`: how many, `rowClassName`: their height), the error with "Try again", `empty`
 * when there are no entries, else the entries newest first (`children` renders one, as a `LogEntry`)
 * and "Load more" under them.
 */
export function LogEntries<E>({
  query,
  what,
  rows,
  rowClassName,
  empty,
  children,
  ...rest
}: {
  query: LogQuery<E>;
  /** The log, as in "Couldn't load the audit log". */
  what: string;
  rows: number;
  rowClassName: string;
  empty: React.ReactNode;
  children: (entry: E) => React.ReactNode;
  "data-testid"?: string;
}) {
  const entries = query.data?.pages.flatMap((p) => p.entries) ?? [];
  return (
    <div className="mt-6" aria-busy={query.isFetching || undefined}>
      {query.isPending ? (
        <LoadingRegion label={`Loading ${what}`} className="flex flex-col gap-2">
          {Array.from({ length: rows }, (_, i) => (
            <Skeleton key={i} className={rowClassName} />
          ))}
        </LoadingRegion>
      ) : query.isError ? (
        <QueryError error={query.error} what={what} onRetry={() => void query.refetch()} />
      ) : entries.length === 0 ? (
        empty
      ) : (
        <>
          <ol className="flex flex-col gap-2" {...rest}>
            {entries.map(children)}
          </ol>
          <LoadMore query={query} count={entries.length} />
        </>
      )}
    </div>
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

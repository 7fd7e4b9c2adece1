"use client";

import { ChevronDown } from "lucide-react";
import { useId, useState } from "react";
import { Skeleton } from "@/components/ui/skeleton";
import { RelativeTime } from "@/components/ui/relative-time";
import { cn } from "@/lib/cn";
import { errorInfo } from "@/lib/trpc-error";
import { api } from "@/trpc/react";
import type { Scope } from "./item-editor-types";

/**
 * The item's History: who changed what and when, each changed field with its
 * value before and after. Folded by default and read only when opened.
 */
export function ItemHistory({ scope, itemNum }: { scope: Scope; itemNum: number }) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const history = api.item.history.useQuery({ ...scope, itemNum }, { enabled: open, staleTime: 0 });

  return (
    <section aria-labelledby={`${panelId}-h`} className="border-t border-slate-200 pt-5">
      <h3 id={`${panelId}-h`} className="text-sm font-semibold text-slate-900">
        <button
          type="button"
          aria-expanded={open}
          aria-controls={panelId}
          onClick={() => setOpen((o) => !o)}
          className="inline-flex min-h-9 items-center gap-1.5 rounded focus-visible:outline-2 focus-visible:outline-blue-600"
        >
          <ChevronDown
            className={cn("size-4 transition-transform", !open && "-rotate-90")}
            aria-hidden="true"
          />
          History
        </button>
      </h3>
      {open && (
        <div id={panelId} className="mt-2">
          {history.isPending ? (
            <div className="flex flex-col gap-2">
              <Skeleton className="h-5 w-2/3" />
              <Skeleton className="h-5 w-1/2" />
            </div>
          ) : history.error ? (
            <p role="alert" className="text-sm text-red-700">
              {errorInfo(history.error).message}
            </p>
          ) : history.data.entries.length === 0 ? (
            <p className="text-sm text-slate-600">No changes recorded yet.</p>
          ) : (
            <ol className="flex flex-col gap-3" aria-label={`History of #${itemNum}`}>
              {history.data.entries.map((e) => (
                <li key={e.id} className="text-sm" data-testid="history-entry">
                  <p className="text-slate-800">
                    <span className="font-medium text-slate-900">{e.who}</span> {e.summary}{" "}
                    <span className="text-slate-600">
                      · <RelativeTime value={e.at} />
                    </span>
                  </p>
                  {e.note !== undefined && (
                    <p className="mt-1 border-l-2 border-slate-200 pl-2 whitespace-pre-wrap text-slate-700">
                      {e.note}
                    </p>
                  )}
                  {e.changes.length > 0 && (
                    <dl className="mt-1 grid grid-cols-[minmax(0,9rem)_minmax(0,1fr)] gap-x-3 gap-y-0.5 text-slate-700">
                      {e.changes.map((c) => (
                        <div key={c.field} className="contents">
                          <dt className="truncate text-slate-600">{c.label}</dt>
                          <dd className="min-w-0 break-words">
                            <span className="text-slate-600 line-through decoration-slate-400">
                              {c.before}
                            </span>
                            <span aria-hidden="true"> → </span>
                            <span className="sr-only"> changed to </span>
                            <span className="font-medium text-slate-900">{c.after}</span>
                          </dd>
                        </div>
                      ))}
                    </dl>
                  )}
                </li>
              ))}
              {history.data.truncated && (
                <li className="text-xs text-slate-600">Older changes are in the project&apos;s audit log.</li>
              )}
            </ol>
          )}
        </div>
      )}
    </section>
  );
}

"use client";

import { CircleExclamationPoint } from "lucide-react";
import { Button } from "@/components/ui/button";
import { errorInfo } from "@/lib/trpc-error";

/** Shown in place of content that failed to load. */
export function QueryError({ error, onRetry, what }: { error: unknown; onRetry?: () => void; what: string }) {
  const info = errorInfo(error);
  return (
    <div
      role="alert"
      className="flex flex-col items-start gap-3 rounded-xl border border-red-200 bg-red-50 p-4 sm:flex-row sm:items-center"
    >
      <CircleExclamationPoint className="size-5 shrink-0 text-red-700" aria-hidden="true" />
      <div className="min-w-0 flex-1 text-sm text-red-900">
        <p className="font-semibold">Couldn&apos;t load {what}.</p>
        <p>
          {info.message}
          {info.correlationId && (
            <span className="text-red-800"> (ref {info.correlationId.slice(0, 8)})</span>
          )}
        </p>
      </div>
      {onRetry && (
        <Button variant="secondary" size="sm" onClick={onRetry}>
          Try again
        </Button>
      )}
    </div>
  );
}

"use client";

import { RotateCw } from "lucide-react";
import { Button } from "@/components/ui/button";
import { LoadingRegion, Skeleton } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toast";
import { QueryError } from "@/components/query-error";
import { formatDateTime } from "@/lib/format";
import { errorInfo } from "@/lib/trpc-error";
import { cn } from "@/lib/cn";
import { api, type RouterOutputs } from "@/trpc/react";

type Scope = { orgSlug: string; projectId: string };
export type Delivery = RouterOutputs["webhook"]["deliveries"]["items"][number];

const STATUS_STYLE: Record<string, string> = {
  succeeded: "bg-emerald-50 text-emerald-800 ring-emerald-600/30",
  pending: "bg-amber-50 text-amber-900 ring-amber-600/30",
  failed: "bg-red-50 text-red-800 ring-red-600/30",
};

export function DeliveryStatus({ status }: { status: string }) {
  return (
    <span
      className={cn(
        "inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset",
        STATUS_STYLE[status] ?? STATUS_STYLE.pending,
      )}
    >
      {status === "pending" ? "Retrying" : status === "succeeded" ? "Delivered" : "Failed"}
    </span>
  );
}

/** One webhook's delivery log (newest first, 20 at a time) with redelivery. */
export function WebhookDeliveries({ scope, webhookId }: { scope: Scope; webhookId: string }) {
  const toast = useToast();
  const log = api.webhook.deliveries.useInfiniteQuery(
    { ...scope, webhookId, limit: 20 },
    { getNextPageParam: (last) => last.nextCursor },
  );
  const redeliver = api.webhook.redeliver.useMutation({
    onSuccess: (r) => {
      if (r.outcome?.status === "succeeded") toast.success("Delivered again", `HTTP ${r.outcome.httpStatus}`);
      else toast.error("Redelivery failed", r.outcome?.error ?? "It will be retried");
    },
    onError: (err) => toast.error("Couldn't redeliver", errorInfo(err).message),
  });

  if (log.isPending)
    return (
      <LoadingRegion label="Loading deliveries">
        <Skeleton className="h-12 w-full" />
      </LoadingRegion>
    );
  if (log.isError)
    return <QueryError what="the delivery log" error={log.error} onRetry={() => void log.refetch()} />;
  const rows = log.data.pages.flatMap((p) => p.items);
  if (!rows.length)
    return <p className="text-sm text-slate-600">No deliveries yet. Send a test event to try it.</p>;
  return (
    <div className="flex flex-col gap-2">
      <ul
        aria-label="Deliveries"
        className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white"
      >
        {rows.map((d) => (
          <li
            key={d.id}
            className="flex flex-col gap-1 p-3 text-sm sm:flex-row sm:items-center sm:gap-3"
            data-testid="webhook-delivery"
          >
            <div className="flex min-w-0 flex-1 flex-col gap-0.5">
              <div className="flex flex-wrap items-center gap-2">
                <DeliveryStatus status={d.status} />
                <code className="text-xs text-slate-700">{d.eventType}</code>
                <span className="text-xs text-slate-600">{formatDateTime(d.createdAt)}</span>
              </div>
              <p className="truncate text-slate-900" title={d.summary}>
                {d.summary}
              </p>
              <p className="text-xs text-slate-600">
                {d.attempts === 1 ? "1 attempt" : `${d.attempts} attempts`}
                {d.lastStatus !== null && ` · last answer HTTP ${d.lastStatus}`}
                {d.lastError && d.lastStatus === null && ` · ${d.lastError}`}
                {d.status === "pending" &&
                  d.nextAttemptAt &&
                  ` · next try ${formatDateTime(d.nextAttemptAt)}`}
              </p>
            </div>
            <Button
              variant="secondary"
              size="sm"
              className="self-start sm:self-center"
              loading={redeliver.isPending && redeliver.variables?.deliveryId === d.id}
              onClick={() => redeliver.mutate({ ...scope, deliveryId: d.id })}
            >
              <RotateCw className="size-4" aria-hidden="true" />
              Redeliver
            </Button>
          </li>
        ))}
      </ul>
      {log.hasNextPage && (
        <Button
          variant="ghost"
          size="sm"
          className="self-start"
          loading={log.isFetchingNextPage}
          onClick={() => void log.fetchNextPage()}
        >
          Show older deliveries
        </Button>
      )}
    </div>
  );
}

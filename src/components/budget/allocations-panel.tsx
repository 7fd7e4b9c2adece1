"use client";

import { Pencil, Plus, Trash2 } from "lucide-react";
import { useState } from "react";
import { QueryError } from "@/components/query-error";
import { Button } from "@/components/ui/button";
import { LoadingRegion, Skeleton } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toast";
import { centsToDecimal, decimalToCents } from "@/domain/budget";
import { cn } from "@/lib/cn";
import { formatDateRange, formatIsoDate } from "@/lib/format";
import { errorInfo } from "@/lib/trpc-error";
import { api, type RouterOutputs } from "@/trpc/react";
import { AllocationDialog } from "./allocation-dialog";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { formatMoneyExact } from "./format";
import { useBudgetRefresh } from "./use-budget-refresh";

type Allocation = RouterOutputs["budget"]["allocation"]["list"][number];

/** The budget ledger: every allocation, its total, and (for PMs and admins) add / edit / delete. */
export function AllocationsPanel({
  orgSlug,
  projectId,
  canEdit,
  workstreams,
}: {
  orgSlug: string;
  projectId: string;
  canEdit: boolean;
  workstreams: string[];
}) {
  const toast = useToast();
  const refresh = useBudgetRefresh(orgSlug, projectId);
  const list = api.budget.allocation.list.useQuery({ orgSlug, projectId });
  const del = api.budget.allocation.delete.useMutation();
  const [editing, setEditing] = useState<Allocation | "new" | null>(null);
  const [deleting, setDeleting] = useState<Allocation | null>(null);

  const rows = list.data ?? [];
  const total = centsToDecimal(rows.reduce((s, a) => s + (decimalToCents(a.amount) ?? 0), 0));

  const confirmDelete = async () => {
    if (!deleting) return;
    try {
      await del.mutateAsync({ orgSlug, projectId, id: deleting.id });
      await refresh();
      toast.success("Allocation deleted", formatMoneyExact(deleting.amount));
      setDeleting(null);
    } catch (err) {
      toast.error("Couldn't delete the allocation", errorInfo(err).message);
    }
  };

  return (
    <section aria-labelledby="allocations-title" className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id="allocations-title" className="text-base font-semibold text-slate-900">
            Allocations
          </h2>
          <p className="text-sm text-slate-600">
            The budget ledger. The budget total is the sum of these amounts.
          </p>
        </div>
        {canEdit && (
          <Button onClick={() => setEditing("new")}>
            <Plus className="size-4" aria-hidden="true" />
            Add allocation
          </Button>
        )}
      </div>

      {list.error ? (
        <QueryError error={list.error} what="the allocations" onRetry={() => void list.refetch()} />
      ) : list.isPending ? (
        <LoadingRegion label="Loading allocations">
          <Skeleton className="h-40 w-full rounded-lg" />
        </LoadingRegion>
      ) : rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-8 text-center text-sm text-slate-600">
          No allocations yet.{" "}
          {canEdit
            ? "Add the initial budget (for example the signed SOW) to set the total."
            : "A project manager can add them."}
        </p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full min-w-[40rem] text-sm">
            <thead className="bg-slate-50 text-left text-slate-700">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">
                  Date / period
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Workstream
                </th>
                <th scope="col" className="px-3 py-2 text-right font-medium">
                  Amount
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Note
                </th>
                {canEdit && (
                  <th scope="col" className="px-3 py-2">
                    <span className="sr-only">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((a) => (
                <tr key={a.id} className="hover:bg-slate-50">
                  <td className="px-3 py-2 whitespace-nowrap">
                    {a.date
                      ? formatIsoDate(a.date)
                      : a.periodStart
                        ? formatDateRange(a.periodStart, a.periodEnd)
                        : "—"}
                  </td>
                  <td className="px-3 py-2">
                    {a.workstream ?? <span className="text-slate-500">Whole project</span>}
                  </td>
                  <td
                    className={cn(
                      "px-3 py-2 text-right font-medium tabular-nums",
                      a.amount.startsWith("-") && "text-red-700",
                    )}
                  >
                    {formatMoneyExact(a.amount)}
                  </td>
                  <td className="max-w-md px-3 py-2 break-words text-slate-700">{a.note}</td>
                  {canEdit && (
                    <td className="px-2 py-1 text-right whitespace-nowrap">
                      <Button
                        variant="ghost"
                        size="sm"
                        onClick={() => setEditing(a)}
                        aria-label={`Edit allocation of ${formatMoneyExact(a.amount)}`}
                      >
                        <Pencil className="size-4" aria-hidden="true" />
                      </Button>
                      <Button
                        variant="ghost"
                        size="sm"
                        onClick={() => setDeleting(a)}
                        aria-label={`Delete allocation of ${formatMoneyExact(a.amount)}`}
                      >
                        <Trash2 className="size-4" aria-hidden="true" />
                      </Button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
            <tfoot className="border-t border-slate-200 bg-slate-50 font-semibold">
              <tr>
                <th scope="row" colSpan={2} className="px-3 py-2 text-left">
                  Budget total
                </th>
                <td className="px-3 py-2 text-right tabular-nums">{formatMoneyExact(total)}</td>
                <td colSpan={canEdit ? 2 : 1} />
              </tr>
            </tfoot>
          </table>
        </div>
      )}

      {canEdit && (
        <>
          <AllocationDialog
            orgSlug={orgSlug}
            projectId={projectId}
            open={editing !== null}
            onClose={() => setEditing(null)}
            workstreams={workstreams}
            allocation={editing === "new" ? null : editing}
          />
          <ConfirmDialog
            open={deleting !== null}
            danger
            title="Delete this allocation?"
            confirmLabel="Delete allocation"
            pending={del.isPending}
            onConfirm={() => void confirmDelete()}
            onClose={() => setDeleting(null)}
          >
            {deleting && (
              <p>
                The allocation of <strong>{formatMoneyExact(deleting.amount)}</strong>
                {deleting.note ? ` (${deleting.note})` : ""} will be removed and the budget total changes by
                that amount. The change is kept in the audit log.
              </p>
            )}
          </ConfirmDialog>
        </>
      )}
    </section>
  );
}

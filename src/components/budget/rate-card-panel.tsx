"use client";

import { Pencil, Plus, Trash2 } from "lucide-react";
import { useState } from "react";
import { QueryError } from "@/components/query-error";
import { Button } from "@/components/ui/button";
import { LoadingRegion, Skeleton } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toast";
import { cn } from "@/lib/cn";
import { formatDateRange, formatIsoDate } from "@/lib/format";
import { errorInfo } from "@/lib/trpc-error";
import { api, type RouterOutputs } from "@/trpc/react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { formatMoneyExact } from "./format";
import { RateCardDialog } from "./rate-card-dialog";
import { useBudgetRefresh } from "./use-budget-refresh";

type Entry = RouterOutputs["budget"]["rateCard"]["list"][number];

/**
 * The rates that apply to this project: its own entries and the
 * organization-wide card. Project managers edit the project's entries; org
 * owners and admins edit the organization's.
 */
export function RateCardPanel({
  orgSlug,
  projectId,
  canEditProject,
  canEditOrg,
}: {
  orgSlug: string;
  projectId: string;
  canEditProject: boolean;
  canEditOrg: boolean;
}) {
  const toast = useToast();
  const refresh = useBudgetRefresh(orgSlug, projectId);
  const list = api.budget.rateCard.list.useQuery({ orgSlug, projectId });
  const del = api.budget.rateCard.delete.useMutation();
  const [editing, setEditing] = useState<Entry | "new" | null>(null);
  const [deleting, setDeleting] = useState<Entry | null>(null);

  const mayEdit = (e: Entry) => (e.scope === "project" ? canEditProject : canEditOrg);
  const anyEdit = canEditProject || canEditOrg;
  const rows = list.data ?? [];

  const confirmDelete = async () => {
    if (!deleting) return;
    try {
      await del.mutateAsync({ orgSlug, id: deleting.id });
      await refresh();
      toast.success("Rate removed", deleting.resourceName);
      setDeleting(null);
    } catch (err) {
      toast.error("Couldn't remove the rate", errorInfo(err).message);
    }
  };

  return (
    <section aria-labelledby="rate-card-title" className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id="rate-card-title" className="text-base font-semibold text-slate-900">
            Rate card
          </h2>
          <p className="text-sm text-slate-600">
            Hourly rates by resource. Entries for this project take precedence over organization-wide ones.
          </p>
        </div>
        {anyEdit && (
          <Button onClick={() => setEditing("new")}>
            <Plus className="size-4" aria-hidden="true" />
            Add rate
          </Button>
        )}
      </div>

      {list.error ? (
        <QueryError error={list.error} what="the rate card" onRetry={() => void list.refetch()} />
      ) : list.isPending ? (
        <LoadingRegion label="Loading the rate card">
          <Skeleton className="h-40 w-full rounded-lg" />
        </LoadingRegion>
      ) : rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-8 text-center text-sm text-slate-600">
          No rates yet.{" "}
          {anyEdit ? "Add the people who book time here, with their hourly rate and roll-off date." : ""}
        </p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full min-w-[48rem] text-sm">
            <thead className="bg-slate-50 text-left text-slate-700">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">
                  Resource
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Role
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Geography
                </th>
                <th scope="col" className="px-3 py-2 text-right font-medium">
                  Rate / h
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Effective
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Roll-off
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Applies to
                </th>
                {anyEdit && (
                  <th scope="col" className="px-3 py-2">
                    <span className="sr-only">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((e) => (
                <tr key={e.id} className="hover:bg-slate-50">
                  <th scope="row" className="px-3 py-2 text-left font-medium text-slate-900">
                    {e.resourceName}
                  </th>
                  <td className="px-3 py-2 text-slate-700">{e.role}</td>
                  <td className="px-3 py-2 text-slate-700">{e.geography}</td>
                  <td className="px-3 py-2 text-right font-medium tabular-nums">
                    {formatMoneyExact(e.hourlyRate)}
                  </td>
                  <td className="px-3 py-2 whitespace-nowrap text-slate-700">
                    {formatDateRange(e.effectiveFrom, e.effectiveTo) || "Always"}
                  </td>
                  <td className="px-3 py-2 whitespace-nowrap text-slate-700">
                    {formatIsoDate(e.rollOffDate)}
                  </td>
                  <td className="px-3 py-2">
                    <span
                      className={cn(
                        "inline-flex rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset",
                        e.scope === "project"
                          ? "bg-blue-50 text-blue-800 ring-blue-200"
                          : "bg-slate-100 text-slate-700 ring-slate-300",
                      )}
                    >
                      {e.scope === "project" ? "This project" : "Organization"}
                    </span>
                  </td>
                  {anyEdit && (
                    <td className="px-2 py-1 text-right whitespace-nowrap">
                      {mayEdit(e) && (
                        <>
                          <Button
                            variant="ghost"
                            size="sm"
                            onClick={() => setEditing(e)}
                            aria-label={`Edit the rate of ${e.resourceName}`}
                          >
                            <Pencil className="size-4" aria-hidden="true" />
                          </Button>
                          <Button
                            variant="ghost"
                            size="sm"
                            onClick={() => setDeleting(e)}
                            aria-label={`Remove the rate of ${e.resourceName}`}
                          >
                            <Trash2 className="size-4" aria-hidden="true" />
                          </Button>
                        </>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {!canEditOrg && canEditProject && (
        <p className="text-xs text-slate-600">
          Organization-wide rates are managed by the organization&apos;s owners and admins.
        </p>
      )}

      {anyEdit && (
        <>
          <RateCardDialog
            orgSlug={orgSlug}
            projectId={projectId}
            open={editing !== null}
            onClose={() => setEditing(null)}
            entry={editing === "new" ? null : editing}
            canEditProject={canEditProject}
            canEditOrg={canEditOrg}
          />
          <ConfirmDialog
            open={deleting !== null}
            danger
            title="Remove this rate?"
            confirmLabel="Remove rate"
            pending={del.isPending}
            onConfirm={() => void confirmDelete()}
            onClose={() => setDeleting(null)}
          >
            {deleting && (
              <p>
                {deleting.resourceName}&apos;s rate of {formatMoneyExact(deleting.hourlyRate)}/h
                {deleting.scope === "org" ? " (organization-wide)" : ""} will be removed. Existing timesheet
                entries keep their rate; a roll-off date on it no longer sets the forecast end.
              </p>
            )}
          </ConfirmDialog>
        </>
      )}
    </section>
  );
}

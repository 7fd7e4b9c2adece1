"use client";

import { keepPreviousData } from "@tanstack/react-query";
import { Pencil, Plus, Trash2, Upload } from "lucide-react";
import { useState } from "react";
import { QueryError } from "@/components/query-error";
import { Button } from "@/components/ui/button";
import { Field, Select } from "@/components/ui/field";
import { LoadingRegion, Skeleton } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toast";
import { formatIsoDate, plural } from "@/lib/format";
import { errorInfo } from "@/lib/trpc-error";
import { api, type RouterOutputs } from "@/trpc/react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { formatHours, formatMoneyExact } from "./format";
import { TimesheetDialog } from "./timesheet-dialog";
import { useBudgetRefresh } from "./use-budget-refresh";

type Entry = RouterOutputs["budget"]["timesheet"]["list"]["entries"][number];
const PAGE = 200;

/** Timesheet entries, newest week first, filterable by resource; PMs and admins add, edit, delete and upload. */
export function TimesheetsPanel({
  orgSlug,
  projectId,
  canEdit,
  resources,
  onUpload,
}: {
  orgSlug: string;
  projectId: string;
  canEdit: boolean;
  resources: string[];
  onUpload: () => void;
}) {
  const toast = useToast();
  const refresh = useBudgetRefresh(orgSlug, projectId);
  const [resource, setResource] = useState("");
  const list = api.budget.timesheet.list.useInfiniteQuery(
    { orgSlug, projectId, resource: resource || undefined, limit: PAGE },
    { getNextPageParam: (last) => last.nextCursor, placeholderData: keepPreviousData },
  );
  const del = api.budget.timesheet.delete.useMutation();
  const [editing, setEditing] = useState<Entry | "new" | null>(null);
  const [deleting, setDeleting] = useState<Entry | null>(null);

  const rows = list.data?.pages.flatMap((p) => p.entries) ?? [];
  const total = list.data?.pages[0]?.total ?? 0;
  const names = list.data?.pages[0]?.resources ?? [];

  const confirmDelete = async () => {
    if (!deleting) return;
    try {
      await del.mutateAsync({ orgSlug, projectId, id: deleting.id });
      await refresh();
      toast.success(
        "Timesheet entry deleted",
        `${deleting.resource}, week ending ${formatIsoDate(deleting.weekEnding)}`,
      );
      setDeleting(null);
    } catch (err) {
      toast.error("Couldn't delete the entry", errorInfo(err).message);
    }
  };

  return (
    <section aria-labelledby="timesheets-title" className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id="timesheets-title" className="text-base font-semibold text-slate-900">
            Timesheets
          </h2>
          <p className="text-sm text-slate-600">Hours per resource and week. Cost = hours × rate.</p>
        </div>
        <div className="flex flex-wrap items-end gap-2">
          <Field label="Resource" labelClassName="sr-only" className="w-52">
            <Select value={resource} onChange={(e) => setResource(e.target.value)}>
              <option value="">All resources</option>
              {names.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </Select>
          </Field>
          {canEdit && (
            <>
              <Button variant="secondary" onClick={onUpload}>
                <Upload className="size-4" aria-hidden="true" />
                Upload CSV
              </Button>
              <Button onClick={() => setEditing("new")}>
                <Plus className="size-4" aria-hidden="true" />
                Add entry
              </Button>
            </>
          )}
        </div>
      </div>

      {list.error ? (
        <QueryError error={list.error} what="the timesheets" onRetry={() => void list.refetch()} />
      ) : list.isPending ? (
        <LoadingRegion label="Loading timesheets">
          <Skeleton className="h-60 w-full rounded-lg" />
        </LoadingRegion>
      ) : rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-8 text-center text-sm text-slate-600">
          No timesheet entries{resource ? ` for ${resource}` : ""} yet.
          {canEdit && !resource
            ? " Upload a CSV export from your timesheet tool, or add entries one by one."
            : ""}
        </p>
      ) : (
        <>
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="w-full min-w-[40rem] text-sm">
              <thead className="bg-slate-50 text-left text-slate-700">
                <tr>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Week ending
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Resource
                  </th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">
                    Hours
                  </th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">
                    Rate
                  </th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">
                    Cost
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Week
                  </th>
                  {canEdit && (
                    <th scope="col" className="px-3 py-2">
                      <span className="sr-only">Actions</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {rows.map((t) => (
                  <tr key={t.id} className="hover:bg-slate-50">
                    <td className="px-3 py-2 whitespace-nowrap">{formatIsoDate(t.weekEnding)}</td>
                    <td className="px-3 py-2 font-medium text-slate-900">{t.resource}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{formatHours(t.hours)}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{formatMoneyExact(t.rate)}</td>
                    <td className="px-3 py-2 text-right font-medium tabular-nums">
                      {formatMoneyExact(t.cost)}
                    </td>
                    <td className="px-3 py-2">
                      {t.completeWeek ? (
                        "Complete"
                      ) : (
                        <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900 ring-1 ring-amber-300 ring-inset">
                          Incomplete
                        </span>
                      )}
                    </td>
                    {canEdit && (
                      <td className="px-2 py-1 text-right whitespace-nowrap">
                        <Button
                          variant="ghost"
                          size="sm"
                          onClick={() => setEditing(t)}
                          aria-label={`Edit ${t.resource}, week ending ${formatIsoDate(t.weekEnding)}`}
                        >
                          <Pencil className="size-4" aria-hidden="true" />
                        </Button>
                        <Button
                          variant="ghost"
                          size="sm"
                          onClick={() => setDeleting(t)}
                          aria-label={`Delete ${t.resource}, week ending ${formatIsoDate(t.weekEnding)}`}
                        >
                          <Trash2 className="size-4" aria-hidden="true" />
                        </Button>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="flex flex-wrap items-center justify-between gap-2 text-sm text-slate-600">
            <span>
              Showing {rows.length.toLocaleString("en")} of {plural(total, "entry", "entries")}
            </span>
            {list.hasNextPage && (
              <Button
                variant="secondary"
                size="sm"
                loading={list.isFetchingNextPage}
                onClick={() => void list.fetchNextPage()}
              >
                Show more
              </Button>
            )}
          </div>
        </>
      )}

      {canEdit && (
        <>
          <TimesheetDialog
            orgSlug={orgSlug}
            projectId={projectId}
            open={editing !== null}
            onClose={() => setEditing(null)}
            entry={editing === "new" ? null : editing}
            resources={resources}
          />
          <ConfirmDialog
            open={deleting !== null}
            danger
            title="Delete this timesheet entry?"
            confirmLabel="Delete entry"
            pending={del.isPending}
            onConfirm={() => void confirmDelete()}
            onClose={() => setDeleting(null)}
          >
            {deleting && (
              <p>
                {deleting.resource}, week ending {formatIsoDate(deleting.weekEnding)}:{" "}
                {formatHours(deleting.hours)} h, {formatMoneyExact(deleting.cost)}. The burn figures will be
                recalculated; the change is kept in the audit log.
              </p>
            )}
          </ConfirmDialog>
        </>
      )}
    </section>
  );
}

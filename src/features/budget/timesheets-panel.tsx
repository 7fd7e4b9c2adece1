"use client";

import { keepPreviousData } from "@tanstack/react-query";
import { Pencil, Trash2, Upload } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Select } from "@/components/ui/field";
import { formatIsoDate, plural } from "@/lib/format";
import { PHONE_MEDIA, useMediaQuery } from "@/lib/use-media-query";
import { api, type RouterOutputs } from "@/trpc/react";
import { EntryPanel, EntryTable, RowActions, useEntryPanel } from "./entry-panel";
import { formatHours, formatMoneyExact } from "./format";
import { TimesheetDialog } from "./timesheet-dialog";

type Entry = RouterOutputs["budget"]["timesheet"]["list"]["entries"][number];
const PAGE = 200;

const COLUMNS = [
  { label: "Week ending" },
  { label: "Resource" },
  { label: "Hours", numeric: true },
  { label: "Rate", numeric: true },
  { label: "Cost", numeric: true },
  { label: "Week" },
];

/** "Ann Lee, week ending 7 Mar 2025": how an entry is named in labels and messages. */
const describe = (t: Entry) => `${t.resource}, week ending ${formatIsoDate(t.weekEnding)}`;

function IncompleteBadge() {
  return (
    <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900 ring-1 ring-amber-300 ring-inset">
      Incomplete
    </span>
  );
}

/**
 * Timesheet entries, newest week first, filterable by resource; PMs and admins add, edit, delete
 * and upload. A table on a desktop; on a phone a list (no sideways scrolling).
 */
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
  const [resource, setResource] = useState("");
  const list = api.budget.timesheet.list.useInfiniteQuery(
    { orgSlug, projectId, resource: resource || undefined, limit: PAGE },
    { getNextPageParam: (last) => last.nextCursor, placeholderData: keepPreviousData },
  );
  const del = api.budget.timesheet.delete.useMutation();
  const panel = useEntryPanel<Entry>({
    remove: (t) => del.mutateAsync({ orgSlug, projectId, id: t.id }),
    removePending: del.isPending,
    removed: (t) => ["Timesheet entry deleted", describe(t)],
    removeFailed: "Couldn't delete the entry",
  });

  const phone = useMediaQuery(PHONE_MEDIA);
  const rows = list.data?.pages.flatMap((p) => p.entries) ?? [];
  const total = list.data?.pages[0]?.total ?? 0;
  const names = list.data?.pages[0]?.resources ?? [];

  return (
    <EntryPanel
      id="timesheets"
      title="Timesheets"
      description="Hours per resource and week. Cost = hours × rate."
      actions={
        <>
          <Field label="Resource" labelClassName="sr-only" className="w-52 max-sm:w-full">
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
            <Button variant="secondary" onClick={onUpload}>
              <Upload className="size-4" aria-hidden="true" />
              Upload CSV
            </Button>
          )}
        </>
      }
      query={list}
      what="the timesheets"
      loadingLabel="Loading timesheets"
      skeletonClassName="h-60"
      isEmpty={rows.length === 0}
      empty={
        <>
          No timesheet entries{resource ? ` for ${resource}` : ""} yet.
          {canEdit && !resource
            ? " Upload a CSV export from your timesheet tool, or add entries one by one."
            : ""}
        </>
      }
      panel={panel}
      canEdit={canEdit}
      addLabel="Add entry"
      editor={
        <TimesheetDialog orgSlug={orgSlug} projectId={projectId} {...panel.editor} resources={resources} />
      }
      deletion={{
        title: "Delete this timesheet entry?",
        confirmLabel: "Delete entry",
        body: (t) => (
          <p>
            {describe(t)}: {formatHours(t.hours)} h, {formatMoneyExact(t.cost)}. The burn figures will be
            recalculated; the change is kept in the audit log.
          </p>
        ),
      }}
    >
      {phone ? (
        <ul
          className="flex flex-col divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white"
          aria-label="Timesheet entries"
        >
          {rows.map((t) => (
            <li key={t.id} data-timesheet-entry="" className="flex items-start gap-2 px-3 py-2 text-sm">
              <div className="min-w-0 flex-1">
                <p className="font-medium break-words text-slate-900">{t.resource}</p>
                <p className="text-slate-700">Week ending {formatIsoDate(t.weekEnding)}</p>
                <p className="text-slate-700 tabular-nums">
                  {formatHours(t.hours)} h × {formatMoneyExact(t.rate)}/h ={" "}
                  <span className="font-medium text-slate-900">{formatMoneyExact(t.cost)}</span>
                </p>
                {!t.completeWeek && <IncompleteBadge />}
              </div>
              {canEdit && (
                <div className="flex shrink-0">
                  <Button
                    variant="ghost"
                    size="sm"
                    className="min-h-11 min-w-11"
                    onClick={() => panel.edit(t)}
                    aria-label={`Edit ${describe(t)}`}
                  >
                    <Pencil className="size-4" aria-hidden="true" />
                  </Button>
                  <Button
                    variant="ghost"
                    size="sm"
                    className="min-h-11 min-w-11"
                    onClick={() => panel.askDelete(t)}
                    aria-label={`Delete ${describe(t)}`}
                  >
                    <Trash2 className="size-4" aria-hidden="true" />
                  </Button>
                </div>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <EntryTable
          minWidth="min-w-[40rem]"
          columns={COLUMNS}
          actions={canEdit}
          rows={rows}
          cells={(t) => (
            <>
              <td className="px-3 py-2 whitespace-nowrap">{formatIsoDate(t.weekEnding)}</td>
              <td className="px-3 py-2 font-medium text-slate-900">{t.resource}</td>
              <td className="px-3 py-2 text-right tabular-nums">{formatHours(t.hours)}</td>
              <td className="px-3 py-2 text-right tabular-nums">{formatMoneyExact(t.rate)}</td>
              <td className="px-3 py-2 text-right font-medium tabular-nums">{formatMoneyExact(t.cost)}</td>
              <td className="px-3 py-2">{t.completeWeek ? "Complete" : <IncompleteBadge />}</td>
              {canEdit && (
                <RowActions
                  panel={panel}
                  entry={t}
                  editLabel={`Edit ${describe(t)}`}
                  deleteLabel={`Delete ${describe(t)}`}
                />
              )}
            </>
          )}
        />
      )}
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
    </EntryPanel>
  );
}

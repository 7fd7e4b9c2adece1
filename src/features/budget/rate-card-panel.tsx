"use client";

import { cn } from "@/lib/cn";
import { formatDateRange, formatIsoDate } from "@/lib/format";
import { api, type RouterOutputs } from "@/trpc/react";
import { EntryPanel, EntryTable, RowActions, useEntryPanel } from "./entry-panel";
import { formatMoneyExact } from "./format";
import { RateCardDialog } from "./rate-card-dialog";

type Entry = RouterOutputs["budget"]["rateCard"]["list"][number];

const COLUMNS = [
  { label: "Resource" },
  { label: "Role" },
  { label: "Geography" },
  { label: "Rate / h", numeric: true },
  { label: "Effective" },
  { label: "Roll-off" },
  { label: "Applies to" },
];

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
  const list = api.budget.rateCard.list.useQuery({ orgSlug, projectId });
  const del = api.budget.rateCard.delete.useMutation();
  const panel = useEntryPanel<Entry>({
    remove: (e) => del.mutateAsync({ orgSlug, id: e.id }),
    removePending: del.isPending,
    removed: (e) => ["Rate removed", e.resourceName],
    removeFailed: "Couldn't remove the rate",
  });

  const mayEdit = (e: Entry) => (e.scope === "project" ? canEditProject : canEditOrg);
  const anyEdit = canEditProject || canEditOrg;
  const rows = list.data ?? [];

  return (
    <EntryPanel
      id="rate-card"
      title="Rate card"
      description="Hourly rates by resource. Entries for this project take precedence over organization-wide ones."
      query={list}
      what="the rate card"
      loadingLabel="Loading the rate card"
      isEmpty={rows.length === 0}
      empty={
        <>
          No rates yet.{" "}
          {anyEdit ? "Add the people who book time here, with their hourly rate and roll-off date." : ""}
        </>
      }
      note={
        !canEditOrg &&
        canEditProject && (
          <p className="text-xs text-slate-600">
            Organization-wide rates are managed by the organization&apos;s owners and admins.
          </p>
        )
      }
      panel={panel}
      canEdit={anyEdit}
      addLabel="Add rate"
      editor={
        <RateCardDialog
          orgSlug={orgSlug}
          projectId={projectId}
          {...panel.editor}
          canEditProject={canEditProject}
          canEditOrg={canEditOrg}
        />
      }
      deletion={{
        title: "Remove this rate?",
        confirmLabel: "Remove rate",
        body: (e) => (
          <p>
            {e.resourceName}&apos;s rate of {formatMoneyExact(e.hourlyRate)}/h
            {e.scope === "org" ? " (organization-wide)" : ""} will be removed. Existing timesheet entries keep
            their rate; a roll-off date on it no longer sets the forecast end.
          </p>
        ),
      }}
    >
      <EntryTable
        minWidth="min-w-[48rem]"
        columns={COLUMNS}
        actions={anyEdit}
        rows={rows}
        cells={(e) => (
          <>
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
            <td className="px-3 py-2 whitespace-nowrap text-slate-700">{formatIsoDate(e.rollOffDate)}</td>
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
              <RowActions
                panel={panel}
                entry={e}
                allowed={mayEdit(e)}
                editLabel={`Edit the rate of ${e.resourceName}`}
                deleteLabel={`Remove the rate of ${e.resourceName}`}
              />
            )}
          </>
        )}
      />
    </EntryPanel>
  );
}

"use client";

import { centsToDecimal, decimalToCents } from "@/domain/budget";
import { cn } from "@/lib/cn";
import { formatDateRange, formatIsoDate } from "@/lib/format";
import { api, type RouterOutputs } from "@/trpc/react";
import { AllocationDialog } from "./allocation-dialog";
import { EntryPanel, EntryTable, RowActions, useEntryPanel } from "./entry-panel";
import { formatMoneyExact } from "./format";

type Allocation = RouterOutputs["budget"]["allocation"]["list"][number];

const COLUMNS = [
  { label: "Date / period" },
  { label: "Workstream" },
  { label: "Amount", numeric: true },
  { label: "Note" },
];

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
  const list = api.budget.allocation.list.useQuery({ orgSlug, projectId });
  const del = api.budget.allocation.delete.useMutation();
  const panel = useEntryPanel<Allocation>({
    remove: (a) => del.mutateAsync({ orgSlug, projectId, id: a.id }),
    removePending: del.isPending,
    removed: (a) => ["Allocation deleted", formatMoneyExact(a.amount)],
    removeFailed: "Couldn't delete the allocation",
  });

  const rows = list.data ?? [];
  const total = centsToDecimal(rows.reduce((s, a) => s + (decimalToCents(a.amount) ?? 0), 0));

  return (
    <EntryPanel
      id="allocations"
      title="Allocations"
      description="The budget ledger. The budget total is the sum of these amounts."
      query={list}
      what="the allocations"
      loadingLabel="Loading allocations"
      isEmpty={rows.length === 0}
      empty={
        <>
          No allocations yet.{" "}
          {canEdit
            ? "Add the initial budget (for example the signed SOW) to set the total."
            : "A project manager can add them."}
        </>
      }
      panel={panel}
      canEdit={canEdit}
      addLabel="Add allocation"
      editor={
        <AllocationDialog
          orgSlug={orgSlug}
          projectId={projectId}
          {...panel.editor}
          workstreams={workstreams}
        />
      }
      deletion={{
        title: "Delete this allocation?",
        confirmLabel: "Delete allocation",
        body: (a) => (
          <p>
            The allocation of <strong>{formatMoneyExact(a.amount)}</strong>
            {a.note ? ` (${a.note})` : ""} will be removed and the budget total changes by that amount. The
            change is kept in the audit log.
          </p>
        ),
      }}
    >
      <EntryTable
        minWidth="min-w-[40rem]"
        columns={COLUMNS}
        actions={canEdit}
        rows={rows}
        cells={(a) => (
          <>
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
              <RowActions
                panel={panel}
                entry={a}
                editLabel={`Edit allocation of ${formatMoneyExact(a.amount)}`}
                deleteLabel={`Delete allocation of ${formatMoneyExact(a.amount)}`}
              />
            )}
          </>
        )}
        foot={
          <tfoot className="border-t border-slate-200 bg-slate-50 font-semibold">
            <tr>
              <th scope="row" colSpan={2} className="px-3 py-2 text-left">
                Budget total
              </th>
              <td className="px-3 py-2 text-right tabular-nums">{formatMoneyExact(total)}</td>
              <td colSpan={canEdit ? 2 : 1} />
            </tr>
          </tfoot>
        }
      />
    </EntryPanel>
  );
}

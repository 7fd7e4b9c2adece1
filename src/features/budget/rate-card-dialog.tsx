"use client";

import { Field, Input, Select } from "@/components/ui/field";
import type { FieldErrors } from "@/lib/trpc-error";
import { ZCreateRateCard } from "@/contracts/budget";
import { api, type RouterOutputs } from "@/trpc/react";
import { EntryForm, entryDialog, useEntryForm, type EntryFormProps } from "./entry-dialog";
import { formatMoneyExact, stripMoneyInput } from "./format";

type Entry = RouterOutputs["budget"]["rateCard"]["list"][number];
type Access = { canEditProject: boolean; canEditOrg: boolean };
type Procedures = typeof api.budget.rateCard;

function RateCardForm({ canEditProject, canEditOrg, ...props }: EntryFormProps<Entry, Procedures> & Access) {
  const { orgSlug, projectId, entry, create, update } = props;
  const form = useEntryForm(props, {
    initial: {
      scope: entry?.scope ?? (canEditProject ? "project" : "org"),
      resourceName: entry?.resourceName ?? "",
      role: entry?.role ?? "",
      geography: entry?.geography ?? "",
      hourlyRate: entry?.hourlyRate ?? "",
      effectiveFrom: entry?.effectiveFrom ?? "",
      effectiveTo: entry?.effectiveTo ?? "",
      rollOffDate: entry?.rollOffDate ?? "",
    },
    fields: (v) => ({
      resourceName: v.resourceName.trim(),
      role: v.role.trim() || null,
      geography: v.geography.trim() || null,
      hourlyRate: stripMoneyInput(v.hourlyRate),
      effectiveFrom: v.effectiveFrom || null,
      effectiveTo: v.effectiveTo || null,
      rollOffDate: v.rollOffDate || null,
    }),
    schema: ZCreateRateCard,
    validate: (v) => {
      const problems: FieldErrors = {};
      if (!/^\d{1,10}(\.\d{1,2})?$/.test(stripMoneyInput(v.hourlyRate)))
        problems.hourlyRate = ["Enter an hourly rate like 72.50"];
      return problems;
    },
    save: (fields, { scope }) =>
      entry
        ? update.mutateAsync({ orgSlug, id: entry.id, expectedUpdatedAt: entry.updatedAt, ...fields })
        : create.mutateAsync({ orgSlug, projectId: scope === "project" ? projectId : null, ...fields }),
    saved: (s) => [
      entry ? "Rate saved" : "Rate added",
      `${s.resourceName}: ${formatMoneyExact(s.hourlyRate)}/h`,
    ],
  });
  const { values, set, bind, pending, err } = form;

  return (
    <EntryForm form={form}>
      {!entry && canEditProject && canEditOrg && (
        <Field
          label="Applies to"
          hint="Organization-wide rates apply to every project; a project rate wins over them here."
        >
          <Select
            value={values.scope}
            onChange={(e) => set("scope", e.target.value as "project" | "org")}
            disabled={pending}
          >
            <option value="project">This project only</option>
            <option value="org">The whole organization</option>
          </Select>
        </Field>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Resource" required error={err("resourceName")} hint="As it appears on timesheets">
          <Input {...bind("resourceName")} data-autofocus />
        </Field>
        <Field label="Hourly rate" required error={err("hourlyRate")} hint="e.g. 72.50">
          <Input inputMode="decimal" {...bind("hourlyRate")} />
        </Field>
        <Field label="Role" error={err("role")}>
          <Input {...bind("role")} maxLength={100} />
        </Field>
        <Field label="Geography" error={err("geography")}>
          <Input {...bind("geography")} maxLength={100} />
        </Field>
        <Field label="Effective from" error={err("effectiveFrom")} hint="Empty = always">
          <Input type="date" {...bind("effectiveFrom")} />
        </Field>
        <Field label="Effective to" error={err("effectiveTo")} hint="Empty = open-ended">
          <Input type="date" {...bind("effectiveTo")} />
        </Field>
        <Field
          label="Roll-off date"
          error={err("rollOffDate")}
          hint="When the resource leaves the engagement"
        >
          <Input type="date" {...bind("rollOffDate")} />
        </Field>
      </div>
    </EntryForm>
  );
}

/** Add or edit a rate-card entry; new entries are for this project or the whole organization. */
export const RateCardDialog = entryDialog<Entry, Procedures, Access>({
  procedures: api.budget.rateCard,
  title: (entry) => (entry ? `Edit rate: ${entry.resourceName}` : "Add a rate-card entry"),
  description:
    "Timesheet rows without a rate take the rate in force on their week ending. The latest roll-off date sets the project's forecast end.",
  addLabel: "Add entry",
  Form: RateCardForm,
});

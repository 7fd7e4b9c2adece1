"use client";

import { useId } from "react";
import { Checkbox, Field, Input } from "@/components/ui/field";
import { centsToDecimal, costOf, decimalToCents } from "@/domain/budget";
import type { FieldErrors } from "@/lib/trpc-error";
import { ZCreateTimesheet } from "@/contracts/budget";
import { api, type RouterOutputs } from "@/trpc/react";
import { EntryForm, entryDialog, saveInProject, useEntryForm, type EntryFormProps } from "./entry-dialog";
import { formatMoneyExact, stripMoneyInput } from "./format";

type Entry = RouterOutputs["budget"]["timesheet"]["list"]["entries"][number];
type Resources = { resources: string[] };
type Procedures = typeof api.budget.timesheet;

/** Hours and rate as they stand in the form, in cents (null when not a number). */
const cents = (v: { hours: string; rate: string }) => ({
  h: decimalToCents(v.hours.trim()),
  r: decimalToCents(stripMoneyInput(v.rate)),
});

function TimesheetForm({ resources, ...props }: EntryFormProps<Entry, Procedures> & Resources) {
  const { entry } = props;
  const listId = useId();
  const form = useEntryForm(props, {
    initial: {
      resource: entry?.resource ?? "",
      weekEnding: entry?.weekEnding ?? "",
      hours: entry?.hours ?? "",
      rate: entry?.rate ?? "",
      completeWeek: entry?.completeWeek ?? true,
    },
    fields: (v) => ({
      resource: v.resource,
      weekEnding: v.weekEnding,
      hours: v.hours.trim(),
      rate: v.rate.trim() ? stripMoneyInput(v.rate) : null,
      completeWeek: v.completeWeek,
    }),
    schema: ZCreateTimesheet,
    validate: (v) => {
      const { r } = cents(v);
      const problems: FieldErrors = {};
      if (!v.weekEnding) problems.weekEnding = ["Choose the week ending"];
      if (v.rate.trim() && (r === null || r < 0))
        problems.rate = ["Use a rate like 72.50, or leave it empty"];
      return problems;
    },
    save: (fields) => saveInProject(props, fields),
    saved: (s) => [
      entry ? "Timesheet entry saved" : "Timesheet entry added",
      `${s.resource}: ${formatMoneyExact(s.cost)}`,
    ],
  });
  const { values, set, bind, pending, err } = form;
  const { h, r } = cents(values);
  const preview = h !== null && r !== null && h >= 0 && r >= 0 ? centsToDecimal(costOf(h, r)) : null;

  return (
    <EntryForm form={form}>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Resource" required error={err("resource")}>
          <Input list={listId} {...bind("resource")} autoComplete="off" data-autofocus />
        </Field>
        <datalist id={listId}>
          {resources.map((n) => (
            <option key={n} value={n} />
          ))}
        </datalist>
        <Field label="Week ending" required error={err("weekEnding")}>
          <Input type="date" {...bind("weekEnding")} />
        </Field>
        <Field label="Hours" required error={err("hours")} hint="e.g. 37.5">
          <Input inputMode="decimal" {...bind("hours")} />
        </Field>
        <Field
          label="Hourly rate"
          error={err("rate")}
          hint={
            entry
              ? "Clear it to take the rate card's rate again"
              : "Empty = the rate card's rate for that week"
          }
        >
          <Input inputMode="decimal" {...bind("rate")} placeholder="From the rate card" />
        </Field>
      </div>
      <Checkbox
        label="Complete week"
        description="Only complete weeks count towards burn and the forecast."
        checked={values.completeWeek}
        onChange={(e) => set("completeWeek", e.target.checked)}
        disabled={pending}
      />
      <p className="text-sm text-slate-700" aria-live="polite">
        Cost:{" "}
        <span className="font-semibold tabular-nums">
          {preview !== null
            ? formatMoneyExact(preview)
            : values.rate.trim()
              ? "—"
              : "hours × the rate card's rate"}
        </span>
      </p>
    </EntryForm>
  );
}

/** Add or edit one timesheet entry. The cost shown is a preview; the server computes the stored one. */
export const TimesheetDialog = entryDialog<Entry, Procedures, Resources>({
  procedures: api.budget.timesheet,
  title: (entry) => (entry ? "Edit timesheet entry" : "Add a timesheet entry"),
  description: "Cost is hours × rate, worked out on the server. Leave the rate empty to use the rate card.",
  addLabel: "Add entry",
  Form: TimesheetForm,
});

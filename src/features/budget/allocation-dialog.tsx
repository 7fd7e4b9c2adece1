"use client";

import { Field, Input, Select, Textarea } from "@/components/ui/field";
import type { FieldErrors } from "@/lib/trpc-error";
import { ZCreateAllocation } from "@/contracts/budget";
import { api, type RouterOutputs } from "@/trpc/react";
import { EntryForm, entryDialog, saveInProject, useEntryForm, type EntryFormProps } from "./entry-dialog";
import { formatMoneyExact, stripMoneyInput } from "./format";

type Allocation = RouterOutputs["budget"]["allocation"]["list"][number];
type Workstreams = { workstreams: string[] };
type When = "none" | "date" | "period";

type Procedures = typeof api.budget.allocation;

function AllocationForm({ workstreams, ...props }: EntryFormProps<Allocation, Procedures> & Workstreams) {
  const { entry: allocation } = props;
  const form = useEntryForm(props, {
    initial: {
      amount: allocation?.amount ?? "",
      workstream: allocation?.workstream ?? "",
      // A new allocation starts "on a date"; an existing one opens as it was saved.
      when: (!allocation || allocation.date ? "date" : allocation.periodStart ? "period" : "none") as When,
      date: allocation?.date ?? "",
      periodStart: allocation?.periodStart ?? "",
      periodEnd: allocation?.periodEnd ?? "",
      note: allocation?.note ?? "",
    },
    fields: (v) => ({
      amount: stripMoneyInput(v.amount),
      workstream: v.workstream || null,
      date: (v.when === "date" && v.date) || null,
      periodStart: (v.when === "period" && v.periodStart) || null,
      periodEnd: (v.when === "period" && v.periodEnd) || null,
      note: v.note.trim() || null,
    }),
    schema: ZCreateAllocation,
    validate: (v) => {
      const problems: FieldErrors = {};
      if (!/^-?\d{1,12}(\.\d{1,2})?$/.test(stripMoneyInput(v.amount)))
        problems.amount = ["Enter an amount like 12500 or -1500.50"];
      if (v.when === "date" && !v.date) problems.date = ["Choose a date, or pick “No date”"];
      // With one end missing the schema says which; with both, the period would just be "no date".
      if (v.when === "period" && !v.periodStart && !v.periodEnd)
        problems.periodEnd = ["A period needs a start and an end"];
      return problems;
    },
    save: (fields) => saveInProject(props, fields),
    saved: (s) => [allocation ? "Allocation saved" : "Allocation added", formatMoneyExact(s.amount)],
  });
  const { values, set, bind, pending, err } = form;

  return (
    <EntryForm form={form}>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Amount" required error={err("amount")} hint="e.g. 25000 or -1500.50">
          <Input inputMode="decimal" {...bind("amount")} data-autofocus />
        </Field>
        <Field
          label="Workstream"
          error={err("workstream")}
          hint={
            workstreams.length ? undefined : "Add workstreams in the project settings to split the budget."
          }
        >
          <Select {...bind("workstream")} disabled={pending || workstreams.length === 0}>
            <option value="">Whole project</option>
            {workstreams.map((w) => (
              <option key={w} value={w}>
                {w}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <fieldset className="flex flex-col gap-3">
        <legend className="text-sm font-medium text-slate-800">When</legend>
        <div className="flex flex-wrap gap-x-5 gap-y-1">
          {(
            [
              ["date", "On a date"],
              ["period", "For a period"],
              ["none", "No date"],
            ] as const
          ).map(([v, label]) => (
            <label key={v} className="flex min-h-10 cursor-pointer items-center gap-2 text-sm text-slate-800">
              <input
                type="radio"
                name="allocation-when"
                value={v}
                checked={values.when === v}
                onChange={() => set("when", v)}
                disabled={pending}
                className="size-4 accent-blue-700"
              />
              {label}
            </label>
          ))}
        </div>
        {values.when === "date" && (
          <Field label="Date" error={err("date")} className="sm:max-w-xs">
            <Input type="date" {...bind("date")} />
          </Field>
        )}
        {values.when === "period" && (
          <div className="grid gap-4 sm:grid-cols-2">
            <Field label="From" error={err("periodStart")}>
              <Input type="date" {...bind("periodStart")} />
            </Field>
            <Field label="To" error={err("periodEnd")}>
              <Input type="date" {...bind("periodEnd")} />
            </Field>
          </div>
        )}
      </fieldset>
      <Field label="Note" error={err("note")} hint="e.g. Initial SOW, Change request 4">
        <Textarea {...bind("note")} maxLength={2000} className="min-h-20" />
      </Field>
    </EntryForm>
  );
}

/** Add or edit an allocation (amount, optional workstream, a date or a period, note). */
export const AllocationDialog = entryDialog<Allocation, Procedures, Workstreams>({
  procedures: api.budget.allocation,
  title: (allocation) => (allocation ? "Edit allocation" : "Add an allocation"),
  description: "Allocations add up to the budget total. Use a negative amount for a de-scope or credit.",
  addLabel: "Add allocation",
  Form: AllocationForm,
});

"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, FormError, Input, Select, Textarea } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { errorInfo, firstError, type FieldErrors } from "@/lib/trpc-error";
import { api, type RouterOutputs } from "@/trpc/react";
import { formatMoneyExact } from "./format";
import { useBudgetRefresh } from "./use-budget-refresh";

type Allocation = RouterOutputs["budget"]["allocation"]["list"][number];
type When = "none" | "date" | "period";

const FORM_ID = "allocation-form";

/** Add or edit an allocation (amount, optional workstream, a date or a period, note). */
export function AllocationDialog({
  orgSlug,
  projectId,
  open,
  onClose,
  workstreams,
  allocation,
}: {
  orgSlug: string;
  projectId: string;
  open: boolean;
  onClose: () => void;
  workstreams: string[];
  allocation: Allocation | null;
}) {
  const create = api.budget.allocation.create.useMutation();
  const update = api.budget.allocation.update.useMutation();
  const pending = create.isPending || update.isPending;
  const close = () => {
    create.reset();
    update.reset();
    onClose();
  };
  return (
    <Dialog
      open={open}
      onClose={close}
      title={allocation ? "Edit allocation" : "Add an allocation"}
      description="Allocations add up to the budget total. Use a negative amount for a de-scope or credit."
      footer={
        <>
          <Button variant="secondary" onClick={close}>
            Cancel
          </Button>
          <Button type="submit" form={FORM_ID} loading={pending}>
            {allocation ? "Save changes" : "Add allocation"}
          </Button>
        </>
      }
    >
      {open && (
        <AllocationForm
          key={allocation?.id ?? "new"}
          orgSlug={orgSlug}
          projectId={projectId}
          workstreams={workstreams}
          allocation={allocation}
          create={create}
          update={update}
          onDone={close}
        />
      )}
    </Dialog>
  );
}

function AllocationForm({
  orgSlug,
  projectId,
  workstreams,
  allocation,
  create,
  update,
  onDone,
}: {
  orgSlug: string;
  projectId: string;
  workstreams: string[];
  allocation: Allocation | null;
  create: ReturnType<typeof api.budget.allocation.create.useMutation>;
  update: ReturnType<typeof api.budget.allocation.update.useMutation>;
  onDone: () => void;
}) {
  const toast = useToast();
  const refresh = useBudgetRefresh(orgSlug, projectId);
  const [amount, setAmount] = useState(allocation?.amount ?? "");
  const [workstream, setWorkstream] = useState(allocation?.workstream ?? "");
  const [when, setWhen] = useState<When>(
    allocation?.date ? "date" : allocation?.periodStart ? "period" : "date",
  );
  const [date, setDate] = useState(allocation?.date ?? "");
  const [periodStart, setPeriodStart] = useState(allocation?.periodStart ?? "");
  const [periodEnd, setPeriodEnd] = useState(allocation?.periodEnd ?? "");
  const [note, setNote] = useState(allocation?.note ?? "");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const pending = create.isPending || update.isPending;

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setFormError(null);
    const cleaned = amount.replace(/[$,\s]/g, "");
    const local: FieldErrors = {};
    if (!/^-?\d{1,12}(\.\d{1,2})?$/.test(cleaned)) local.amount = ["Enter an amount like 12500 or -1500.50"];
    if (when === "date" && !date) local.date = ["Choose a date, or pick “No date”"];
    if (when === "period" && (!periodStart || !periodEnd))
      local.periodEnd = ["A period needs a start and an end"];
    if (Object.keys(local).length) {
      setErrors(local);
      setFormError("Please correct the highlighted fields.");
      return;
    }
    const fields = {
      amount: cleaned,
      workstream: workstream || null,
      date: when === "date" ? date : null,
      periodStart: when === "period" ? periodStart : null,
      periodEnd: when === "period" ? periodEnd : null,
      note: note.trim() || null,
    };
    try {
      const saved = allocation
        ? await update.mutateAsync({
            orgSlug,
            projectId,
            id: allocation.id,
            expectedUpdatedAt: allocation.updatedAt,
            ...fields,
          })
        : await create.mutateAsync({ orgSlug, projectId, ...fields });
      await refresh();
      toast.success(allocation ? "Allocation saved" : "Allocation added", formatMoneyExact(saved.amount));
      onDone();
    } catch (err) {
      const info = errorInfo(err);
      setErrors(info.fieldErrors);
      setFormError(info.message);
    }
  }

  const err = (k: string) => firstError(errors, k);
  return (
    <form id={FORM_ID} noValidate onSubmit={onSubmit} className="flex flex-col gap-5" aria-busy={pending}>
      <FormError>{formError}</FormError>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Amount" required error={err("amount")} hint="e.g. 25000 or -1500.50">
          <Input
            inputMode="decimal"
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
            disabled={pending}
            data-autofocus
          />
        </Field>
        <Field
          label="Workstream"
          error={err("workstream")}
          hint={
            workstreams.length ? undefined : "Add workstreams in the project settings to split the budget."
          }
        >
          <Select
            value={workstream}
            onChange={(e) => setWorkstream(e.target.value)}
            disabled={pending || workstreams.length === 0}
          >
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
                checked={when === v}
                onChange={() => setWhen(v)}
                disabled={pending}
                className="size-4 accent-blue-700"
              />
              {label}
            </label>
          ))}
        </div>
        {when === "date" && (
          <Field label="Date" error={err("date")} className="sm:max-w-xs">
            <Input type="date" value={date} onChange={(e) => setDate(e.target.value)} disabled={pending} />
          </Field>
        )}
        {when === "period" && (
          <div className="grid gap-4 sm:grid-cols-2">
            <Field label="From" error={err("periodStart")}>
              <Input
                type="date"
                value={periodStart}
                onChange={(e) => setPeriodStart(e.target.value)}
                disabled={pending}
              />
            </Field>
            <Field label="To" error={err("periodEnd")}>
              <Input
                type="date"
                value={periodEnd}
                onChange={(e) => setPeriodEnd(e.target.value)}
                disabled={pending}
              />
            </Field>
          </div>
        )}
      </fieldset>
      <Field label="Note" error={err("note")} hint="e.g. Initial SOW, Change request 4">
        <Textarea
          value={note}
          onChange={(e) => setNote(e.target.value)}
          disabled={pending}
          maxLength={2000}
          className="min-h-20"
        />
      </Field>
    </form>
  );
}

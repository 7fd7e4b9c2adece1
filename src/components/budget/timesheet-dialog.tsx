"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Checkbox, Field, FormError, Input } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { centsToDecimal, costOf, decimalToCents } from "@/domain/budget";
import { errorInfo, firstError, type FieldErrors } from "@/lib/trpc-error";
import { api, type RouterOutputs } from "@/trpc/react";
import { formatMoneyExact } from "./format";
import { useBudgetRefresh } from "./use-budget-refresh";

type Entry = RouterOutputs["budget"]["timesheet"]["list"]["entries"][number];
const FORM_ID = "timesheet-form";

/** Add or edit one timesheet entry. The cost shown is a preview; the server computes the stored one. */
export function TimesheetDialog({
  orgSlug,
  projectId,
  open,
  onClose,
  entry,
  resources,
}: {
  orgSlug: string;
  projectId: string;
  open: boolean;
  onClose: () => void;
  entry: Entry | null;
  resources: string[];
}) {
  const create = api.budget.timesheet.create.useMutation();
  const update = api.budget.timesheet.update.useMutation();
  const close = () => {
    create.reset();
    update.reset();
    onClose();
  };
  return (
    <Dialog
      open={open}
      onClose={close}
      title={entry ? "Edit timesheet entry" : "Add a timesheet entry"}
      description="Cost is hours × rate, worked out on the server. Leave the rate empty to use the rate card."
      footer={
        <>
          <Button variant="secondary" onClick={close}>
            Cancel
          </Button>
          <Button type="submit" form={FORM_ID} loading={create.isPending || update.isPending}>
            {entry ? "Save changes" : "Add entry"}
          </Button>
        </>
      }
    >
      {open && (
        <TimesheetForm
          key={entry?.id ?? "new"}
          orgSlug={orgSlug}
          projectId={projectId}
          entry={entry}
          resources={resources}
          create={create}
          update={update}
          onDone={close}
        />
      )}
    </Dialog>
  );
}

function TimesheetForm({
  orgSlug,
  projectId,
  entry,
  resources,
  create,
  update,
  onDone,
}: {
  orgSlug: string;
  projectId: string;
  entry: Entry | null;
  resources: string[];
  create: ReturnType<typeof api.budget.timesheet.create.useMutation>;
  update: ReturnType<typeof api.budget.timesheet.update.useMutation>;
  onDone: () => void;
}) {
  const toast = useToast();
  const refresh = useBudgetRefresh(orgSlug, projectId);
  const listId = useId();
  const [resource, setResource] = useState(entry?.resource ?? "");
  const [weekEnding, setWeekEnding] = useState(entry?.weekEnding ?? "");
  const [hours, setHours] = useState(entry?.hours ?? "");
  const [rate, setRate] = useState(entry?.rate ?? "");
  const [completeWeek, setCompleteWeek] = useState(entry?.completeWeek ?? true);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const pending = create.isPending || update.isPending;

  const h = decimalToCents(hours.trim());
  const r = decimalToCents(rate.replace(/[$,\s]/g, ""));
  const preview = h !== null && r !== null && h >= 0 && r >= 0 ? centsToDecimal(costOf(h, r)) : null;

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setFormError(null);
    const local: FieldErrors = {};
    if (!resource.trim()) local.resource = ["Enter the resource's name"];
    if (!weekEnding) local.weekEnding = ["Choose the week ending"];
    if (h === null || h < 0) local.hours = ["Use hours like 37.5 (at most 2 decimals)"];
    if (rate.trim() && (r === null || r < 0)) local.rate = ["Use a rate like 72.50, or leave it empty"];
    if (Object.keys(local).length) {
      setErrors(local);
      setFormError("Please correct the highlighted fields.");
      return;
    }
    const fields = {
      resource,
      weekEnding,
      hours: hours.trim(),
      rate: rate.trim() ? rate.replace(/[$,\s]/g, "") : null,
      completeWeek,
    };
    try {
      const saved = entry
        ? await update.mutateAsync({
            orgSlug,
            projectId,
            id: entry.id,
            expectedUpdatedAt: entry.updatedAt,
            ...fields,
          })
        : await create.mutateAsync({ orgSlug, projectId, ...fields });
      await refresh();
      toast.success(
        entry ? "Timesheet entry saved" : "Timesheet entry added",
        `${saved.resource}: ${formatMoneyExact(saved.cost)}`,
      );
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
        <Field label="Resource" required error={err("resource")}>
          <Input
            list={listId}
            value={resource}
            onChange={(e) => setResource(e.target.value)}
            disabled={pending}
            autoComplete="off"
            data-autofocus
          />
        </Field>
        <datalist id={listId}>
          {resources.map((n) => (
            <option key={n} value={n} />
          ))}
        </datalist>
        <Field label="Week ending" required error={err("weekEnding")}>
          <Input
            type="date"
            value={weekEnding}
            onChange={(e) => setWeekEnding(e.target.value)}
            disabled={pending}
          />
        </Field>
        <Field label="Hours" required error={err("hours")} hint="e.g. 37.5">
          <Input
            inputMode="decimal"
            value={hours}
            onChange={(e) => setHours(e.target.value)}
            disabled={pending}
          />
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
          <Input
            inputMode="decimal"
            value={rate}
            onChange={(e) => setRate(e.target.value)}
            disabled={pending}
            placeholder="From the rate card"
          />
        </Field>
      </div>
      <Checkbox
        label="Complete week"
        description="Only complete weeks count towards burn and the forecast."
        checked={completeWeek}
        onChange={(e) => setCompleteWeek(e.target.checked)}
        disabled={pending}
      />
      <p className="text-sm text-slate-700" aria-live="polite">
        Cost:{" "}
        <span className="font-semibold tabular-nums">
          {preview !== null ? formatMoneyExact(preview) : rate.trim() ? "—" : "hours × the rate card's rate"}
        </span>
      </p>
    </form>
  );
}

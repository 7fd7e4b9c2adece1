"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, FormError, Input, Select } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { errorInfo, firstError, type FieldErrors } from "@/lib/trpc-error";
import { api, type RouterOutputs } from "@/trpc/react";
import { formatMoneyExact } from "./format";
import { useBudgetRefresh } from "./use-budget-refresh";

type Entry = RouterOutputs["budget"]["rateCard"]["list"][number];
const FORM_ID = "rate-card-form";

/** Add or edit a rate-card entry; new entries are for this project or the whole organization. */
export function RateCardDialog({
  orgSlug,
  projectId,
  open,
  onClose,
  entry,
  canEditProject,
  canEditOrg,
}: {
  orgSlug: string;
  projectId: string;
  open: boolean;
  onClose: () => void;
  entry: Entry | null;
  canEditProject: boolean;
  canEditOrg: boolean;
}) {
  const create = api.budget.rateCard.create.useMutation();
  const update = api.budget.rateCard.update.useMutation();
  const close = () => {
    create.reset();
    update.reset();
    onClose();
  };
  return (
    <Dialog
      open={open}
      onClose={close}
      title={entry ? `Edit rate: ${entry.resourceName}` : "Add a rate-card entry"}
      description="Timesheet rows without a rate take the rate in force on their week ending. The latest roll-off date sets the project's forecast end."
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
        <RateCardForm
          key={entry?.id ?? "new"}
          orgSlug={orgSlug}
          projectId={projectId}
          entry={entry}
          canEditProject={canEditProject}
          canEditOrg={canEditOrg}
          create={create}
          update={update}
          onDone={close}
        />
      )}
    </Dialog>
  );
}

function RateCardForm({
  orgSlug,
  projectId,
  entry,
  canEditProject,
  canEditOrg,
  create,
  update,
  onDone,
}: {
  orgSlug: string;
  projectId: string;
  entry: Entry | null;
  canEditProject: boolean;
  canEditOrg: boolean;
  create: ReturnType<typeof api.budget.rateCard.create.useMutation>;
  update: ReturnType<typeof api.budget.rateCard.update.useMutation>;
  onDone: () => void;
}) {
  const toast = useToast();
  const refresh = useBudgetRefresh(orgSlug, projectId);
  const [scope, setScope] = useState<"project" | "org">(entry?.scope ?? (canEditProject ? "project" : "org"));
  const [resourceName, setResourceName] = useState(entry?.resourceName ?? "");
  const [role, setRole] = useState(entry?.role ?? "");
  const [geography, setGeography] = useState(entry?.geography ?? "");
  const [hourlyRate, setHourlyRate] = useState(entry?.hourlyRate ?? "");
  const [effectiveFrom, setEffectiveFrom] = useState(entry?.effectiveFrom ?? "");
  const [effectiveTo, setEffectiveTo] = useState(entry?.effectiveTo ?? "");
  const [rollOffDate, setRollOffDate] = useState(entry?.rollOffDate ?? "");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const pending = create.isPending || update.isPending;

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setFormError(null);
    const rate = hourlyRate.replace(/[$,\s]/g, "");
    const local: FieldErrors = {};
    if (!resourceName.trim()) local.resourceName = ["Enter the resource's name"];
    if (!/^\d{1,10}(\.\d{1,2})?$/.test(rate)) local.hourlyRate = ["Enter an hourly rate like 72.50"];
    if (effectiveFrom && effectiveTo && effectiveFrom > effectiveTo)
      local.effectiveTo = ["Effective to must not be before effective from"];
    if (Object.keys(local).length) {
      setErrors(local);
      setFormError("Please correct the highlighted fields.");
      return;
    }
    const fields = {
      resourceName: resourceName.trim(),
      role: role.trim() || null,
      geography: geography.trim() || null,
      hourlyRate: rate,
      effectiveFrom: effectiveFrom || null,
      effectiveTo: effectiveTo || null,
      rollOffDate: rollOffDate || null,
    };
    try {
      const saved = entry
        ? await update.mutateAsync({ orgSlug, id: entry.id, expectedUpdatedAt: entry.updatedAt, ...fields })
        : await create.mutateAsync({ orgSlug, projectId: scope === "project" ? projectId : null, ...fields });
      await Promise.all([refresh()]);
      toast.success(
        entry ? "Rate saved" : "Rate added",
        `${saved.resourceName}: ${formatMoneyExact(saved.hourlyRate)}/h`,
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
      {!entry && canEditProject && canEditOrg && (
        <Field
          label="Applies to"
          hint="Organization-wide rates apply to every project; a project rate wins over them here."
        >
          <Select
            value={scope}
            onChange={(e) => setScope(e.target.value as "project" | "org")}
            disabled={pending}
          >
            <option value="project">This project only</option>
            <option value="org">The whole organization</option>
          </Select>
        </Field>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Resource" required error={err("resourceName")} hint="As it appears on timesheets">
          <Input
            value={resourceName}
            onChange={(e) => setResourceName(e.target.value)}
            disabled={pending}
            data-autofocus
          />
        </Field>
        <Field label="Hourly rate" required error={err("hourlyRate")} hint="e.g. 72.50">
          <Input
            inputMode="decimal"
            value={hourlyRate}
            onChange={(e) => setHourlyRate(e.target.value)}
            disabled={pending}
          />
        </Field>
        <Field label="Role" error={err("role")}>
          <Input value={role} onChange={(e) => setRole(e.target.value)} disabled={pending} maxLength={100} />
        </Field>
        <Field label="Geography" error={err("geography")}>
          <Input
            value={geography}
            onChange={(e) => setGeography(e.target.value)}
            disabled={pending}
            maxLength={100}
          />
        </Field>
        <Field label="Effective from" error={err("effectiveFrom")} hint="Empty = always">
          <Input
            type="date"
            value={effectiveFrom}
            onChange={(e) => setEffectiveFrom(e.target.value)}
            disabled={pending}
          />
        </Field>
        <Field label="Effective to" error={err("effectiveTo")} hint="Empty = open-ended">
          <Input
            type="date"
            value={effectiveTo}
            onChange={(e) => setEffectiveTo(e.target.value)}
            disabled={pending}
          />
        </Field>
        <Field
          label="Roll-off date"
          error={err("rollOffDate")}
          hint="When the resource leaves the engagement"
        >
          <Input
            type="date"
            value={rollOffDate}
            onChange={(e) => setRollOffDate(e.target.value)}
            disabled={pending}
          />
        </Field>
      </div>
    </form>
  );
}

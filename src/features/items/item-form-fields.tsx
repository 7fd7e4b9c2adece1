"use client";

import { useId, useMemo } from "react";
import { useWatch, type UseFormReturn } from "react-hook-form";
import { IndicatorBadge } from "@/components/ui/badges";
import { Checkbox, Field, Input, Select, Textarea } from "@/components/ui/field";
import { assigneeMatcher, type AssignableMember } from "@/domain/assignees";
import { businessDaysBetween, isIsoDate } from "@/domain/dates";
import { ITEM_TYPES } from "@/domain/types";
import { cn } from "@/lib/cn";
import { localToday } from "@/lib/format";
import { fieldMessage, type FieldKey, type ItemFormValues, previewIndicator } from "@/lib/item-form";
import { PRIORITIES } from "@/lib/item-meta";
import { PercentControls } from "./percent-controls";

const SCORES = ["1", "2", "3", "4", "5"] as const;

function withCurrent(options: readonly string[], current: string): string[] {
  return current && !options.some((o) => o.toLowerCase() === current.toLowerCase())
    ? [...options, current]
    : [...options];
}

function Section({
  title,
  children,
  className,
}: {
  title: string;
  children: React.ReactNode;
  className?: string;
}) {
  return (
    <fieldset className={cn("grid gap-4 sm:grid-cols-2", className)}>
      <legend className="mb-3 text-sm font-semibold text-slate-900">{title}</legend>
      {children}
    </fieldset>
  );
}

/**
 * Every editable item field, bound to a react-hook-form form whose values are
 * {@link ItemFormValues} (validated by the server's zod schema, see item-form.ts).
 * Messages show under each field; controls carry aria-invalid / aria-describedby.
 */
export function ItemFormFields<TOut>({
  form,
  disabled,
  workstreams,
  assignees,
  members,
  highlight,
  scheduleInfo,
}: {
  form: UseFormReturn<ItemFormValues, unknown, TOut>;
  disabled?: boolean;
  workstreams: string[];
  assignees: string[];
  /** Org members the assignee can be linked to (null while loading). */
  members: AssignableMember[] | null;
  /** Fields to mark (e.g. changed by someone else). */
  highlight?: ReadonlySet<FieldKey>;
  /** Shown at the end of "Schedule and progress" (the editor's slack and critical-path line). */
  scheduleInfo?: React.ReactNode;
}) {
  const listId = useId();
  const { register, setValue, control, formState } = form;
  const values = useWatch({ control }) as ItemFormValues;
  const err = (k: FieldKey) => fieldMessage(formState.errors, k);
  const hl = (k: FieldKey) =>
    highlight?.has(k) ? "rounded-lg bg-amber-50 outline-2 outline-offset-4 outline-amber-300" : undefined;
  const isRisk = values.type === "Risk" || values.type === "Issue";
  /** A 1–5 score, or "Not scored". */
  const scoreField = (
    k: "probability" | "impact" | "residualProbability" | "residualImpact",
    label: string,
    hint?: string,
  ) => (
    <Field label={label} hint={hint} error={err(k)} className={hl(k)}>
      <Select {...register(k)} disabled={disabled}>
        <option value="">Not scored</option>
        {SCORES.map((s) => (
          <option key={s}>{s}</option>
        ))}
      </Select>
    </Field>
  );
  const score =
    values.probability && values.impact ? Number(values.probability) * Number(values.impact) : null;
  const residual =
    values.residualProbability && values.residualImpact
      ? Number(values.residualProbability) * Number(values.residualImpact)
      : null;
  const pct = Number(values.percentComplete);
  const sliderValue = Number.isFinite(pct) ? Math.min(100, Math.max(0, Math.round(pct))) : 0;
  const preview = previewIndicator(values, localToday());
  // A deadline before the start is allowed (v1 data has them) but almost always a typo: say so.
  const deadlineBeforeStart =
    isIsoDate(values.deadline) && isIsoDate(values.start) && values.deadline < values.start;
  const durationFromDates =
    !String(values.duration ?? "").trim() && isIsoDate(values.start) && isIsoDate(values.finish)
      ? businessDaysBetween(values.start, values.finish)
      : null;

  // Assignee: free text, linked to a member when it names one (by name, or by e-mail when names clash).
  const match = useMemo(() => (members ? assigneeMatcher(members) : null), [members]);
  const assignedTo = register("assignedTo", {
    onChange: (e: React.ChangeEvent<HTMLInputElement>) =>
      setValue("assignedToUserId", match?.(e.target.value) ?? "", { shouldDirty: true }),
  });
  const linked = members?.find((m) => m.userId === values.assignedToUserId) ?? null;
  const others = assignees.filter(
    (a) => !members?.some((m) => m.name.trim().toLowerCase() === a.trim().toLowerCase()),
  );
  const sameName = (members ?? []).filter(
    (m) =>
      values.assignedTo.trim() !== "" &&
      m.name.trim().toLowerCase() === values.assignedTo.trim().toLowerCase(),
  ).length;
  const assigneeHint = !values.assignedTo.trim()
    ? "Pick a member of the organization, or type anyone's name."
    : linked
      ? `Member: ${linked.name} (${linked.email}) — they can edit this item.`
      : sameName > 1
        ? `${sameName} members are called "${values.assignedTo.trim()}"; type the e-mail address of the one you mean.`
        : members
          ? "Not a member of this organization: kept as text."
          : undefined;

  return (
    <div className="flex flex-col gap-6">
      <Section title="Basics">
        <Field label="Type" required error={err("type")} className={hl("type")}>
          <Select {...register("type")} disabled={disabled} required>
            <option value="" disabled>
              Choose a type
            </option>
            {ITEM_TYPES.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </Select>
        </Field>
        <Field label="Priority" error={err("priority")} className={hl("priority")}>
          <Select {...register("priority")} disabled={disabled}>
            <option value="">None</option>
            {withCurrent(PRIORITIES, values.priority).map((p) => (
              <option key={p}>{p}</option>
            ))}
          </Select>
        </Field>
        <Field label="Title" required error={err("title")} className={cn("sm:col-span-2", hl("title"))}>
          <Input {...register("title")} disabled={disabled} required autoComplete="off" data-autofocus />
        </Field>
        <Field label="Workstream" error={err("workstream")} className={hl("workstream")}>
          <Select {...register("workstream")} disabled={disabled}>
            <option value="">None</option>
            {withCurrent(workstreams, values.workstream).map((w) => (
              <option key={w}>{w}</option>
            ))}
          </Select>
        </Field>
        <Field
          label="Assigned to"
          hint={assigneeHint}
          error={err("assignedTo") ?? formState.errors.assignedToUserId?.message}
          className={hl("assignedTo")}
        >
          <Input
            {...assignedTo}
            list={listId}
            autoComplete="off"
            disabled={disabled}
            data-member={linked ? linked.userId : undefined}
          />
          <datalist id={listId}>
            {members?.map((m) => (
              <option key={m.userId} value={m.name} label={`${m.name} · ${m.email}`} />
            ))}
            {others.map((a) => (
              <option key={a} value={a} />
            ))}
          </datalist>
        </Field>
        <Field
          label="Description"
          error={err("description")}
          className={cn("sm:col-span-2", hl("description"))}
        >
          <Textarea {...register("description")} rows={4} disabled={disabled} />
        </Field>
      </Section>

      <Section title="Schedule and progress">
        <Field label="Start" error={err("start")} className={hl("start")}>
          <Input type="date" {...register("start")} disabled={disabled} />
        </Field>
        <Field label="Finish" error={err("finish")} className={hl("finish")}>
          <Input type="date" {...register("finish")} min={values.start || undefined} disabled={disabled} />
        </Field>
        <Field
          label="Deadline"
          hint={
            deadlineBeforeStart ? "⚠ The deadline is before the start date — check the dates." : undefined
          }
          error={err("deadline")}
          className={hl("deadline")}
        >
          <Input type="date" {...register("deadline")} disabled={disabled} />
        </Field>
        <Field
          label="Duration"
          hint={
            durationFromDates !== null
              ? `Business days; from the dates: ${durationFromDates}`
              : "Business days"
          }
          error={err("duration")}
          className={hl("duration")}
        >
          <Input
            type="number"
            inputMode="numeric"
            min={0}
            max={10000}
            step={1}
            {...register("duration")}
            disabled={disabled}
          />
        </Field>
        <Field
          label="% complete"
          hint="Drag the slider or type a whole number from 0 to 100"
          error={err("percentComplete")}
          className={cn("sm:col-span-2", hl("percentComplete"))}
        >
          <PercentControls
            slider={sliderValue}
            disabled={disabled}
            onSlide={(v) =>
              setValue("percentComplete", String(v), {
                shouldDirty: true,
                shouldValidate: formState.isSubmitted,
              })
            }
          >
            <Input
              type="number"
              inputMode="numeric"
              min={0}
              max={100}
              step={1}
              {...register("percentComplete")}
              disabled={disabled}
              className="w-24"
            />
          </PercentControls>
        </Field>
        <p
          className="flex flex-wrap items-center gap-2 text-sm text-slate-700 sm:col-span-2"
          data-testid="indicator-preview"
        >
          Indicator if saved today: <IndicatorBadge indicator={preview} />
        </p>
        {scheduleInfo}
      </Section>

      {values.type === "Budget" && (
        <Section title="Budget">
          <Field
            label="Budget amount"
            hint="e.g. 12500.00"
            error={err("budgetAmount")}
            className={hl("budgetAmount")}
          >
            <Input inputMode="decimal" {...register("budgetAmount")} disabled={disabled} autoComplete="off" />
          </Field>
        </Section>
      )}

      {isRisk && (
        <Section title="Risk assessment">
          {scoreField("probability", "Probability (1–5)")}
          {scoreField("impact", "Impact (1–5)", score !== null ? `Score ${score} of 25` : undefined)}
          <Field
            label="Mitigation"
            error={err("mitigation")}
            className={cn("sm:col-span-2", hl("mitigation"))}
          >
            <Textarea {...register("mitigation")} rows={2} className="min-h-16" disabled={disabled} />
          </Field>
          <Field
            label="Contingency"
            error={err("contingency")}
            className={cn("sm:col-span-2", hl("contingency"))}
          >
            <Textarea {...register("contingency")} rows={2} className="min-h-16" disabled={disabled} />
          </Field>
          <Field label="Risk owner" error={err("riskOwner")} className={hl("riskOwner")}>
            <Input {...register("riskOwner")} disabled={disabled} list={listId} />
          </Field>
          <div className="hidden sm:block" />
          {scoreField("residualProbability", "Residual probability")}
          {scoreField(
            "residualImpact",
            "Residual impact",
            residual !== null ? `Residual score ${residual} of 25` : undefined,
          )}
        </Section>
      )}

      <Section title="Reporting">
        <Field
          label="Report codes"
          hint="Short codes separated by commas, e.g. SR, CL, EXEC"
          error={err("rptOut")}
          className={cn("sm:col-span-2", hl("rptOut"))}
        >
          <Input {...register("rptOut")} autoCapitalize="characters" disabled={disabled} />
        </Field>
        <Checkbox
          label="Draft"
          description="Drafts get no indicator and stay out of client reports."
          {...register("draft")}
          disabled={disabled}
          className={hl("draft")}
        />
        <Checkbox
          label="Client visible"
          description="Include in reports shared with the client."
          {...register("clientVisible")}
          disabled={disabled}
          className={hl("clientVisible")}
        />
      </Section>
    </div>
  );
}

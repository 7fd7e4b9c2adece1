"use client";

import { useId } from "react";
import { Checkbox, Field, Input, Select, Textarea } from "@/components/ui/field";
import { ITEM_TYPES } from "@/domain/types";
import { cn } from "@/lib/cn";
import type { FieldKey, ItemFormValues } from "@/lib/item-form";
import { PRIORITIES } from "@/lib/item-meta";
import { firstError, type FieldErrors } from "@/lib/trpc-error";

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

/** Every editable item field. Controlled: the parent owns the values. */
export function ItemFormFields({
  values,
  onChange,
  errors,
  disabled,
  workstreams,
  assignees,
  highlight,
}: {
  values: ItemFormValues;
  onChange: <K extends FieldKey>(key: K, value: ItemFormValues[K]) => void;
  errors: FieldErrors;
  disabled?: boolean;
  workstreams: string[];
  assignees: string[];
  /** Fields to mark (e.g. changed by someone else). */
  highlight?: ReadonlySet<FieldKey>;
}) {
  const listId = useId();
  const err = (k: FieldKey) => firstError(errors, k);
  const text =
    (k: FieldKey) => (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) =>
      onChange(k, e.target.value as never);
  const hl = (k: FieldKey) =>
    highlight?.has(k) ? "rounded-lg bg-amber-50 outline-2 outline-offset-4 outline-amber-300" : undefined;
  const isRisk = values.type === "Risk" || values.type === "Issue";
  const score =
    values.probability && values.impact ? Number(values.probability) * Number(values.impact) : null;
  const residual =
    values.residualProbability && values.residualImpact
      ? Number(values.residualProbability) * Number(values.residualImpact)
      : null;

  return (
    <div className="flex flex-col gap-6">
      <Section title="Basics">
        <Field label="Type" required error={err("type")} className={hl("type")}>
          <Select value={values.type} onChange={text("type")} disabled={disabled} required>
            <option value="" disabled>
              Choose a type
            </option>
            {ITEM_TYPES.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </Select>
        </Field>
        <Field label="Priority" error={err("priority")} className={hl("priority")}>
          <Select value={values.priority} onChange={text("priority")} disabled={disabled}>
            <option value="">None</option>
            {withCurrent(PRIORITIES, values.priority).map((p) => (
              <option key={p}>{p}</option>
            ))}
          </Select>
        </Field>
        <Field label="Title" required error={err("title")} className={cn("sm:col-span-2", hl("title"))}>
          <Input
            value={values.title}
            onChange={text("title")}
            maxLength={500}
            disabled={disabled}
            required
            autoComplete="off"
            data-autofocus
          />
        </Field>
        <Field label="Workstream" error={err("workstream")} className={hl("workstream")}>
          <Select value={values.workstream} onChange={text("workstream")} disabled={disabled}>
            <option value="">None</option>
            {withCurrent(workstreams, values.workstream).map((w) => (
              <option key={w}>{w}</option>
            ))}
          </Select>
        </Field>
        <Field label="Assigned to" error={err("assignedTo")} className={hl("assignedTo")}>
          <Input
            value={values.assignedTo}
            onChange={text("assignedTo")}
            list={listId}
            maxLength={200}
            autoComplete="off"
            disabled={disabled}
          />
          <datalist id={listId}>
            {assignees.map((a) => (
              <option key={a} value={a} />
            ))}
          </datalist>
        </Field>
        <Field
          label="Description"
          error={err("description")}
          className={cn("sm:col-span-2", hl("description"))}
        >
          <Textarea value={values.description} onChange={text("description")} rows={4} disabled={disabled} />
        </Field>
      </Section>

      <Section title="Schedule and progress">
        <Field label="Start" error={err("start")} className={hl("start")}>
          <Input type="date" value={values.start} onChange={text("start")} disabled={disabled} />
        </Field>
        <Field label="Finish" error={err("finish")} className={hl("finish")}>
          <Input
            type="date"
            value={values.finish}
            onChange={text("finish")}
            min={values.start || undefined}
            disabled={disabled}
          />
        </Field>
        <Field label="Deadline" error={err("deadline")} className={hl("deadline")}>
          <Input type="date" value={values.deadline} onChange={text("deadline")} disabled={disabled} />
        </Field>
        <Field label="Duration" hint="Business days" error={err("duration")} className={hl("duration")}>
          <Input
            type="number"
            inputMode="numeric"
            min={0}
            max={10000}
            step={1}
            value={values.duration}
            onChange={text("duration")}
            disabled={disabled}
          />
        </Field>
        <Field
          label="% complete"
          error={err("percentComplete")}
          className={cn("sm:col-span-2", hl("percentComplete"))}
        >
          <div className="flex items-center gap-3">
            <input
              type="range"
              min={0}
              max={100}
              step={5}
              aria-label="% complete slider"
              value={Number(values.percentComplete) || 0}
              onChange={(e) => onChange("percentComplete", e.target.value)}
              disabled={disabled}
              className="h-11 flex-1 accent-blue-700 sm:h-10"
            />
            <Input
              type="number"
              inputMode="numeric"
              min={0}
              max={100}
              step={1}
              value={values.percentComplete}
              onChange={text("percentComplete")}
              disabled={disabled}
              className="w-24"
            />
          </div>
        </Field>
      </Section>

      {values.type === "Budget" && (
        <Section title="Budget">
          <Field
            label="Budget amount"
            hint="e.g. 12500.00"
            error={err("budgetAmount")}
            className={hl("budgetAmount")}
          >
            <Input
              inputMode="decimal"
              value={values.budgetAmount}
              onChange={text("budgetAmount")}
              disabled={disabled}
              autoComplete="off"
            />
          </Field>
        </Section>
      )}

      {isRisk && (
        <Section title="Risk assessment">
          <Field label="Probability (1–5)" error={err("probability")} className={hl("probability")}>
            <Select value={values.probability} onChange={text("probability")} disabled={disabled}>
              <option value="">Not scored</option>
              {SCORES.map((s) => (
                <option key={s}>{s}</option>
              ))}
            </Select>
          </Field>
          <Field
            label="Impact (1–5)"
            hint={score !== null ? `Score ${score} of 25` : undefined}
            error={err("impact")}
            className={hl("impact")}
          >
            <Select value={values.impact} onChange={text("impact")} disabled={disabled}>
              <option value="">Not scored</option>
              {SCORES.map((s) => (
                <option key={s}>{s}</option>
              ))}
            </Select>
          </Field>
          <Field
            label="Mitigation"
            error={err("mitigation")}
            className={cn("sm:col-span-2", hl("mitigation"))}
          >
            <Textarea
              value={values.mitigation}
              onChange={text("mitigation")}
              rows={2}
              className="min-h-16"
              disabled={disabled}
            />
          </Field>
          <Field
            label="Contingency"
            error={err("contingency")}
            className={cn("sm:col-span-2", hl("contingency"))}
          >
            <Textarea
              value={values.contingency}
              onChange={text("contingency")}
              rows={2}
              className="min-h-16"
              disabled={disabled}
            />
          </Field>
          <Field label="Risk owner" error={err("riskOwner")} className={hl("riskOwner")}>
            <Input
              value={values.riskOwner}
              onChange={text("riskOwner")}
              maxLength={200}
              disabled={disabled}
              list={listId}
            />
          </Field>
          <div className="hidden sm:block" />
          <Field
            label="Residual probability"
            error={err("residualProbability")}
            className={hl("residualProbability")}
          >
            <Select
              value={values.residualProbability}
              onChange={text("residualProbability")}
              disabled={disabled}
            >
              <option value="">Not scored</option>
              {SCORES.map((s) => (
                <option key={s}>{s}</option>
              ))}
            </Select>
          </Field>
          <Field
            label="Residual impact"
            hint={residual !== null ? `Residual score ${residual} of 25` : undefined}
            error={err("residualImpact")}
            className={hl("residualImpact")}
          >
            <Select value={values.residualImpact} onChange={text("residualImpact")} disabled={disabled}>
              <option value="">Not scored</option>
              {SCORES.map((s) => (
                <option key={s}>{s}</option>
              ))}
            </Select>
          </Field>
        </Section>
      )}

      <Section title="Reporting">
        <Field
          label="Report codes"
          hint="Short codes separated by commas, e.g. SR, CL, EXEC"
          error={err("rptOut")}
          className={cn("sm:col-span-2", hl("rptOut"))}
        >
          <Input
            value={values.rptOut}
            onChange={text("rptOut")}
            autoCapitalize="characters"
            disabled={disabled}
          />
        </Field>
        <Checkbox
          label="Draft"
          description="Drafts get no indicator and stay out of client reports."
          checked={values.draft}
          onChange={(e) => onChange("draft", e.target.checked)}
          disabled={disabled}
          className={hl("draft")}
        />
        <Checkbox
          label="Client visible"
          description="Include in reports shared with the client."
          checked={values.clientVisible}
          onChange={(e) => onChange("clientVisible", e.target.checked)}
          disabled={disabled}
          className={hl("clientVisible")}
        />
      </Section>
    </div>
  );
}

"use client";

import type { UseFormRegisterReturn } from "react-hook-form";
import { Field, Input } from "@/components/ui/field";

type DetailField = "name" | "clientName" | "projectStart" | "projectEnd";

/** A project's name, client and dates: the fields of the new-project form and of the project settings. */
export function ProjectDetailsFields({
  register,
  fieldError,
  autoFocus = false,
}: {
  register: (field: DetailField) => UseFormRegisterReturn;
  fieldError: (field: DetailField) => string | undefined;
  /** Focus the name when the dialog opens. */
  autoFocus?: boolean;
}) {
  return (
    <>
      <Field label="Project name" required error={fieldError("name")}>
        <Input {...register("name")} autoComplete="off" data-autofocus={autoFocus || undefined} required />
      </Field>
      <Field label="Client" hint="Optional. Who the project is for." error={fieldError("clientName")}>
        <Input {...register("clientName")} autoComplete="organization" />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Start date" error={fieldError("projectStart")}>
          <Input {...register("projectStart")} type="date" />
        </Field>
        <Field label="End date" error={fieldError("projectEnd")}>
          <Input {...register("projectEnd")} type="date" />
        </Field>
      </div>
    </>
  );
}

"use client";

import type { FieldValues } from "react-hook-form";
import { cn } from "@/lib/cn";
import type { AppForm as AppFormState } from "@/lib/use-app-form";
import { FormError } from "./field";

/**
 * The <form> of a useAppForm form: no browser validation (the schema says it), focus to the
 * first invalid field (formRef), busy while saving, and the form-level error above the fields.
 */
export function AppForm({
  app,
  busy,
  className,
  children,
  ...rest
}: {
  /** What useAppForm returned. */
  app: Pick<AppFormState<FieldValues, FieldValues>, "formRef" | "onSubmit" | "formError">;
  busy?: boolean;
  className?: string;
  children: React.ReactNode;
} & Pick<React.ComponentProps<"form">, "id" | "aria-label">) {
  return (
    <form
      {...rest}
      ref={app.formRef}
      noValidate
      onSubmit={(e) => void app.onSubmit(e)}
      aria-busy={busy}
      className={cn("flex flex-col gap-4", className)}
    >
      <FormError>{app.formError}</FormError>
      {children}
    </form>
  );
}

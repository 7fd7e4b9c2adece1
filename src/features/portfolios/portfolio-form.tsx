"use client";

import { useWatch } from "react-hook-form";
import { z } from "zod";
import { Dialog } from "@/components/ui/dialog";
import { Checkbox, Field, FormError, Input, Textarea } from "@/components/ui/field";
import { FormDialogButtons } from "@/components/ui/form-dialog-buttons";
import { Skeleton } from "@/components/ui/skeleton";
import { ZPortfolioFields } from "@/contracts/portfolio";
import { useAppForm } from "@/lib/use-app-form";
import { api } from "@/trpc/react";

export type PortfolioFields = { name: string; description: string; projectIds: string[] };

const ZPortfolioForm = z.object({
  name: ZPortfolioFields.shape.name,
  description: z.string().trim().max(2000, "Use at most 2000 characters"),
  projectIds: z.array(z.string()),
});

/** Create / edit a portfolio: name, description and member projects. */
export function PortfolioFormDialog({
  open,
  onClose,
  orgSlug,
  title,
  submitLabel,
  initial,
  pending,
  onSubmit,
}: {
  open: boolean;
  onClose: () => void;
  orgSlug: string;
  title: string;
  submitLabel: string;
  initial: PortfolioFields;
  pending: boolean;
  /** Saves; a thrown server error is shown on the form. */
  onSubmit: (v: PortfolioFields) => Promise<unknown>;
}) {
  const projects = api.project.list.useQuery({ orgSlug }, { enabled: open });
  const {
    form,
    formRef,
    formError,
    onSubmit: submit,
    fieldError,
  } = useAppForm({
    schema: ZPortfolioForm,
    defaultValues: initial,
    extraErrorKeys: ["projectIds"],
    onSubmit,
  });
  const projectIds = useWatch({ control: form.control, name: "projectIds" }) ?? [];
  const formId = "portfolio-form";
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={title}
      footer={
        <FormDialogButtons form={formId} loading={pending} onCancel={onClose}>
          {submitLabel}
        </FormDialogButtons>
      }
    >
      <form id={formId} noValidate className="flex flex-col gap-4" ref={formRef} onSubmit={submit}>
        <FormError>{formError}</FormError>
        <Field label="Name" required error={fieldError("name")}>
          <Input {...form.register("name")} data-autofocus />
        </Field>
        <Field label="Description" error={fieldError("description")}>
          <Textarea {...form.register("description")} rows={3} />
        </Field>
        <fieldset>
          <legend className="text-sm font-medium text-slate-800">Projects</legend>
          {fieldError("projectIds") && (
            <p className="mt-1 text-sm font-medium text-red-700">{fieldError("projectIds")}</p>
          )}
          <div className="mt-1 max-h-64 overflow-y-auto rounded-lg border border-slate-200 px-3">
            {projects.isPending ? (
              <div className="flex flex-col gap-3 py-3">
                <Skeleton className="h-4 w-2/3" />
                <Skeleton className="h-4 w-1/2" />
              </div>
            ) : (projects.data?.length ?? 0) === 0 ? (
              <p className="py-3 text-sm text-slate-600">There are no projects in this organization yet.</p>
            ) : (
              projects.data!.map((p) => (
                <Checkbox
                  key={p.id}
                  label={p.name}
                  checked={projectIds.includes(p.id)}
                  onChange={(e) =>
                    form.setValue(
                      "projectIds",
                      e.target.checked ? [...projectIds, p.id] : projectIds.filter((id) => id !== p.id),
                    )
                  }
                />
              ))
            )}
          </div>
          <p className="mt-1 text-xs text-slate-600">{projectIds.length} selected</p>
        </fieldset>
      </form>
    </Dialog>
  );
}

"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Checkbox, Field, FormError, Input, Textarea } from "@/components/ui/field";
import { Skeleton } from "@/components/ui/skeleton";
import { errorInfo, firstError } from "@/lib/trpc-error";
import { api } from "@/trpc/react";

export type PortfolioFields = { name: string; description: string; projectIds: string[] };

/** Create / edit a portfolio: name, description and member projects. */
export function PortfolioFormDialog({
  open,
  onClose,
  orgSlug,
  title,
  submitLabel,
  initial,
  pending,
  error,
  onSubmit,
}: {
  open: boolean;
  onClose: () => void;
  orgSlug: string;
  title: string;
  submitLabel: string;
  initial: PortfolioFields;
  pending: boolean;
  error: unknown;
  onSubmit: (v: PortfolioFields) => void;
}) {
  const projects = api.project.list.useQuery({ orgSlug }, { enabled: open });
  const [v, setV] = useState(initial);
  const [nameError, setNameError] = useState<string | undefined>();
  const info = error ? errorInfo(error) : null;
  const formId = "portfolio-form";
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={title}
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" form={formId} loading={pending}>
            {submitLabel}
          </Button>
        </>
      }
    >
      <form
        id={formId}
        noValidate
        className="flex flex-col gap-4"
        onSubmit={(e) => {
          e.preventDefault();
          if (!v.name.trim()) {
            setNameError("Enter a name");
            (e.currentTarget.elements.namedItem("name") as HTMLInputElement | null)?.focus();
            return;
          }
          setNameError(undefined);
          onSubmit({ ...v, name: v.name.trim(), description: v.description.trim() });
        }}
      >
        <FormError>{info && !Object.keys(info.fieldErrors).length ? info.message : null}</FormError>
        <Field label="Name" required error={nameError ?? (info ? firstError(info.fieldErrors, "name") : undefined)}>
          <Input name="name" value={v.name} maxLength={200} data-autofocus onChange={(e) => setV({ ...v, name: e.target.value })} />
        </Field>
        <Field label="Description" error={info ? firstError(info.fieldErrors, "description") : undefined}>
          <Textarea value={v.description} maxLength={2000} rows={3} onChange={(e) => setV({ ...v, description: e.target.value })} />
        </Field>
        <fieldset>
          <legend className="text-sm font-medium text-slate-800">Projects</legend>
          {info && firstError(info.fieldErrors, "projectIds") && (
            <p className="mt-1 text-sm font-medium text-red-700">{firstError(info.fieldErrors, "projectIds")}</p>
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
                  checked={v.projectIds.includes(p.id)}
                  onChange={(e) =>
                    setV({
                      ...v,
                      projectIds: e.target.checked ? [...v.projectIds, p.id] : v.projectIds.filter((id) => id !== p.id),
                    })
                  }
                />
              ))
            )}
          </div>
          <p className="mt-1 text-xs text-slate-600">{v.projectIds.length} selected</p>
        </fieldset>
      </form>
    </Dialog>
  );
}

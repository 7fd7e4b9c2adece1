"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, FormError, Input, Textarea } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { focusFirstInvalid } from "@/lib/focus-invalid";
import { errorInfo, firstError, type FieldErrors } from "@/lib/trpc-error";
import { ZCreateProject } from "@/server/api/routers/project.schema";
import { api } from "@/trpc/react";

const FORM_ID = "new-project-form";

export function NewProjectDialog({
  orgSlug,
  open,
  onClose,
}: {
  orgSlug: string;
  open: boolean;
  onClose: () => void;
}) {
  const create = api.project.create.useMutation();
  const close = () => {
    create.reset();
    onClose();
  };
  return (
    <Dialog
      open={open}
      onClose={close}
      title="New project"
      description="You become the project's admin and can give others a role later."
      footer={
        <>
          <Button variant="secondary" onClick={close}>
            Cancel
          </Button>
          <Button type="submit" form={FORM_ID} loading={create.isPending}>
            {create.isPending ? "Creating…" : "Create project"}
          </Button>
        </>
      }
    >
      <NewProjectForm orgSlug={orgSlug} create={create} onDone={close} />
    </Dialog>
  );
}

type CreateMutation = ReturnType<typeof api.project.create.useMutation>;

function NewProjectForm({
  orgSlug,
  create,
  onDone,
}: {
  orgSlug: string;
  create: CreateMutation;
  onDone: () => void;
}) {
  const router = useRouter();
  const toast = useToast();
  const utils = api.useUtils();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const fd = new FormData(form);
    const str = (k: string) => String(fd.get(k) ?? "").trim();
    const input = {
      name: str("name"),
      clientName: str("clientName") || null,
      projectStart: str("projectStart") || null,
      projectEnd: str("projectEnd") || null,
      workstreams: str("workstreams")
        .split(/[\n,]/)
        .map((w) => w.trim())
        .filter(Boolean),
    };
    setFormError(null);
    const parsed = ZCreateProject.safeParse(input);
    if (!parsed.success) {
      setErrors(z.flattenError(parsed.error).fieldErrors as FieldErrors);
      focusFirstInvalid(form);
      return;
    }
    setErrors({});
    try {
      const project = await create.mutateAsync({ orgSlug, ...parsed.data });
      await utils.project.list.invalidate({ orgSlug });
      toast.success("Project created", project.name);
      onDone();
      router.push(`/o/${orgSlug}/p/${project.id}`);
    } catch (err) {
      const info = errorInfo(err);
      setErrors(info.fieldErrors);
      setFormError(info.message);
      focusFirstInvalid(form);
    }
  }

  return (
    <form
      id={FORM_ID}
      noValidate
      onSubmit={onSubmit}
      aria-busy={create.isPending}
      className="flex flex-col gap-4"
    >
      <FormError>{formError}</FormError>
      <Field label="Project name" required error={firstError(errors, "name")}>
        <Input name="name" maxLength={200} autoComplete="off" data-autofocus required />
      </Field>
      <Field label="Client" hint="Optional. Who the project is for." error={firstError(errors, "clientName")}>
        <Input name="clientName" maxLength={200} autoComplete="organization" />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Start date" error={firstError(errors, "projectStart")}>
          <Input name="projectStart" type="date" />
        </Field>
        <Field label="End date" error={firstError(errors, "projectEnd")}>
          <Input name="projectEnd" type="date" />
        </Field>
      </div>
      <Field
        label="Workstreams"
        hint="Optional. One per line (or separated by commas), e.g. Design, Build, Test."
        error={firstError(errors, "workstreams")}
      >
        <Textarea name="workstreams" rows={3} className="min-h-20" />
      </Field>
    </form>
  );
}

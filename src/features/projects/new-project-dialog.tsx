"use client";

import { useRouter } from "next/navigation";
import { z } from "zod";
import { AppForm } from "@/components/ui/app-form";
import { Dialog } from "@/components/ui/dialog";
import { Field, Textarea } from "@/components/ui/field";
import { FormDialogButtons } from "@/components/ui/form-dialog-buttons";
import { useToast } from "@/components/ui/toast";
import { pipeTo, useAppForm } from "@/lib/use-app-form";
import { ZCreateProject } from "@/contracts/project";
import { api } from "@/trpc/react";
import { ProjectDetailsFields } from "./project-details-fields";

const FORM_ID = "new-project-form";

/** The dialog's text fields, turned into the server's create input (blanks are "not set"). */
const ZNewProjectForm = pipeTo(
  z
    .object({
      name: z.string(),
      clientName: z.string(),
      projectStart: z.string(),
      projectEnd: z.string(),
      workstreams: z.string(),
    })
    .transform((v) => ({
      name: v.name.trim(),
      clientName: v.clientName.trim() || null,
      projectStart: v.projectStart.trim() || null,
      projectEnd: v.projectEnd.trim() || null,
      workstreams: v.workstreams
        .split(/[\n,]/)
        .map((w) => w.trim())
        .filter(Boolean),
    })),
  ZCreateProject,
);

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
        <FormDialogButtons form={FORM_ID} loading={create.isPending} onCancel={close}>
          {create.isPending ? "Creating…" : "Create project"}
        </FormDialogButtons>
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
  const app = useAppForm({
    schema: ZNewProjectForm,
    defaultValues: { name: "", clientName: "", projectStart: "", projectEnd: "", workstreams: "" },
    onSubmit: async (values) => {
      const project = await create.mutateAsync({ orgSlug, ...values });
      toast.success("Project created", project.name);
      onDone();
      router.push(`/o/${orgSlug}/p/${project.id}`);
    },
  });
  const { form, fieldError } = app;

  return (
    <AppForm app={app} busy={create.isPending} id={FORM_ID}>
      <ProjectDetailsFields register={(f) => form.register(f)} fieldError={fieldError} autoFocus />
      <Field
        label="Workstreams"
        hint="Optional. One per line (or separated by commas), e.g. Design, Build, Test."
        error={fieldError("workstreams")}
      >
        <Textarea {...form.register("workstreams")} rows={3} className="min-h-20" />
      </Field>
    </AppForm>
  );
}

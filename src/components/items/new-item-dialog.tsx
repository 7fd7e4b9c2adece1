"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FormError } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { emptyForm, type FieldKey, type ItemFormValues, validateCreate } from "@/lib/item-form";
import { focusFirstInvalid } from "@/lib/focus-invalid";
import { errorInfo, type FieldErrors } from "@/lib/trpc-error";
import { api } from "@/trpc/react";
import { ItemFormFields } from "./item-form-fields";

const FORM_ID = "new-item-form";

export function NewItemDialog({
  orgSlug,
  projectId,
  open,
  onClose,
  onOpenItem,
  defaults,
  workstreams,
  assignees,
}: {
  orgSlug: string;
  projectId: string;
  open: boolean;
  onClose: () => void;
  onOpenItem: (itemNum: number) => void;
  defaults: Partial<ItemFormValues>;
  workstreams: string[];
  assignees: string[];
}) {
  const create = api.item.create.useMutation();
  const close = () => {
    create.reset();
    onClose();
  };
  return (
    <Dialog
      open={open}
      onClose={close}
      size="lg"
      title="New item"
      description="Only type and title are required; the indicator is worked out from dates and progress."
      footer={
        <>
          <Button variant="secondary" onClick={close}>
            Cancel
          </Button>
          <Button type="submit" form={FORM_ID} loading={create.isPending}>
            {create.isPending ? "Creating…" : "Create item"}
          </Button>
        </>
      }
    >
      <NewItemForm
        orgSlug={orgSlug}
        projectId={projectId}
        create={create}
        defaults={defaults}
        workstreams={workstreams}
        assignees={assignees}
        onDone={close}
        onOpenItem={onOpenItem}
      />
    </Dialog>
  );
}

type CreateMutation = ReturnType<typeof api.item.create.useMutation>;

function NewItemForm({
  orgSlug,
  projectId,
  create,
  defaults,
  workstreams,
  assignees,
  onDone,
  onOpenItem,
}: {
  orgSlug: string;
  projectId: string;
  create: CreateMutation;
  defaults: Partial<ItemFormValues>;
  workstreams: string[];
  assignees: string[];
  onDone: () => void;
  onOpenItem: (itemNum: number) => void;
}) {
  const toast = useToast();
  const utils = api.useUtils();
  const [values, setValues] = useState<ItemFormValues>(() => emptyForm(defaults));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);

  const onChange = <K extends FieldKey>(key: K, value: ItemFormValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    if (errors[key]) setErrors((e) => ({ ...e, [key]: undefined }));
  };

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    setFormError(null);
    const v = validateCreate(values);
    if (!v.ok) {
      setErrors(v.errors);
      setFormError("Please correct the highlighted fields.");
      focusFirstInvalid(form);
      return;
    }
    setErrors({});
    try {
      const item = await create.mutateAsync({ orgSlug, projectId, ...v.data });
      await Promise.all([
        utils.item.list.invalidate({ orgSlug, projectId }),
        utils.project.list.invalidate({ orgSlug }),
      ]);
      toast.toast({
        kind: "success",
        title: `Item #${item.itemNum} created`,
        description: item.title,
        action: { label: "Open it", onClick: () => onOpenItem(item.itemNum) },
      });
      onDone();
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
      className="flex flex-col gap-5"
      aria-busy={create.isPending}
    >
      <FormError>{formError}</FormError>
      <ItemFormFields
        values={values}
        onChange={onChange}
        errors={errors}
        workstreams={workstreams}
        assignees={assignees}
        disabled={create.isPending}
      />
    </form>
  );
}

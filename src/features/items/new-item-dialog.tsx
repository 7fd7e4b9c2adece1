"use client";

import { useEffect, useRef } from "react";
import { useFormState } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import {
  type CreatePayload,
  emptyForm,
  ITEM_ERROR_ALIASES,
  itemFormResolver,
  type ItemFormValues,
  ZCreateItemForm,
} from "@/lib/item-form";
import { newRequestId } from "@/lib/request-id";
import { useAppForm } from "@/lib/use-app-form";
import { api } from "@/trpc/react";
import { ItemFormFields } from "./item-form-fields";
import { useAssignableMembers } from "./use-assignable-members";
import { GuardedItemDialog, useDiscardGuard } from "./use-discard-guard";
import { isOfflineFailure, useEnqueue } from "@/features/offline/use-offline-queue";

const FORM_ID = "new-item-form";
const CREATE_RESOLVER = itemFormResolver(ZCreateItemForm);

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
  const closeNow = () => {
    create.reset();
    onClose();
  };
  // Full screen on phones: the Back button closes it too; typed input is never dropped unasked.
  const guard = useDiscardGuard(open, closeNow, {
    question: "Discard this new item?",
    detail: "What you typed has not been saved.",
  });
  return (
    <GuardedItemDialog
      guard={guard}
      open={open}
      title="New item"
      description="Only type and title are required; the indicator is worked out from dates and progress."
      footer={
        <>
          <Button variant="secondary" onClick={guard.requestClose}>
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
        onDirty={guard.setDirty}
        onDone={guard.closeNow}
        onOpenItem={onOpenItem}
      />
    </GuardedItemDialog>
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
  onDirty,
  onDone,
  onOpenItem,
}: {
  orgSlug: string;
  projectId: string;
  create: CreateMutation;
  defaults: Partial<ItemFormValues>;
  workstreams: string[];
  assignees: string[];
  onDirty: (dirty: boolean) => void;
  onDone: () => void;
  onOpenItem: (itemNum: number) => void;
}) {
  const toast = useToast();
  const members = useAssignableMembers(orgSlug);
  const { form, formRef, formError, onSubmit, onKeyDown, showServerError } = useAppForm<
    ItemFormValues,
    CreatePayload
  >({
    // The server's own item.create schema, over the form's strings.
    schema: ZCreateItemForm,
    resolver: CREATE_RESOLVER,
    defaultValues: emptyForm(defaults),
    onSubmit: onValid,
    invalidMessage: "Please correct the highlighted fields.",
    errorKeyAliases: ITEM_ERROR_ALIASES,
  });
  const enqueue = useEnqueue();
  // One id per item being created: a retry (or the offline queue sending it later) after a reply
  // that never arrived returns the item the first send made instead of a second one.
  const requestId = useRef(newRequestId());
  const { isDirty } = useFormState({ control: form.control });
  useEffect(() => onDirty(isDirty), [isDirty, onDirty]);

  async function onValid(data: CreatePayload) {
    // No network: the new item waits on this device and gets its number when it is sent.
    const queueIt = async () => {
      const op = await enqueue({
        kind: "create",
        scope: { orgSlug, projectId },
        input: { ...data, requestId: requestId.current },
        label: `New ${data.type.toLowerCase()}: ${data.title}`,
      });
      if (op) {
        toast.toast({
          kind: "info",
          title: "New item kept on this device",
          description: "It gets its number when it is sent, once you are back online.",
        });
        onDone();
      }
      return !!op;
    };
    if (isOfflineFailure() && (await queueIt())) return;
    try {
      const item = await create.mutateAsync({ orgSlug, projectId, ...data, requestId: requestId.current });
      requestId.current = newRequestId();
      toast.toast({
        kind: "success",
        title: `Item #${item.itemNum} created`,
        description: item.title,
        action: { label: "Open it", onClick: () => onOpenItem(item.itemNum) },
      });
      onDone();
    } catch (err) {
      if (isOfflineFailure(err) && (await queueIt())) return;
      showServerError(err);
    }
  }

  return (
    <form
      ref={formRef}
      id={FORM_ID}
      noValidate
      onSubmit={(e) => void onSubmit(e)}
      onKeyDown={onKeyDown}
      className="flex flex-col gap-5"
      aria-busy={create.isPending}
    >
      <FormError>{formError}</FormError>
      <ItemFormFields
        form={form}
        workstreams={workstreams}
        assignees={assignees}
        members={members}
        disabled={create.isPending}
      />
    </form>
  );
}

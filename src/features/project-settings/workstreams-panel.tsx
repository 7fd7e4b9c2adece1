"use client";

import { ArrowDown, ArrowUp, Check, Pencil, Plus, Trash2, X } from "lucide-react";
import { useState } from "react";
import type { UseFormReturn } from "react-hook-form";
import { z } from "zod";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { plural } from "@/lib/format";
import { errorInfo, firstError } from "@/lib/trpc-error";
import { useAppForm } from "@/lib/use-app-form";
import { ZWorkstreamName } from "@/contracts/project";
import { api } from "@/trpc/react";

type Scope = { orgSlug: string; projectId: string };
type Workstream = { id: string; name: string; sortOrder: number; itemCount: number };

/** Workstreams: add, rename, move up/down and remove (project managers and admins). */
export function WorkstreamsPanel({ scope, canEdit }: { scope: Scope; canEdit: boolean }) {
  const toast = useToast();
  const utils = api.useUtils();
  // Prefetched by the settings page (its loading.tsx and error.tsx stand in otherwise).
  const [rows] = api.project.workstream.list.useSuspenseQuery(scope);
  const [editing, setEditing] = useState<string | null>(null);
  const [removing, setRemoving] = useState<Workstream | null>(null);

  const reorder = api.project.workstream.reorder.useMutation({
    onMutate: async ({ order }) => {
      await utils.project.workstream.list.cancel(scope);
      const prev = utils.project.workstream.list.getData(scope);
      if (prev) {
        const byId = new Map(prev.map((w) => [w.id, w]));
        utils.project.workstream.list.setData(
          scope,
          order.map((id, i) => ({ ...byId.get(id)!, sortOrder: i })),
        );
      }
      return { prev };
    },
    onError: (err, _v, ctx) => {
      if (ctx?.prev) utils.project.workstream.list.setData(scope, ctx.prev);
      toast.error("Couldn't reorder workstreams", errorInfo(err).message);
    },
  });

  const remove = api.project.workstream.remove.useMutation();

  const move = (index: number, delta: -1 | 1) => {
    const order = rows.map((w) => w.id);
    const j = index + delta;
    if (j < 0 || j >= order.length) return;
    [order[index], order[j]] = [order[j]!, order[index]!];
    reorder.mutate({ ...scope, order });
  };

  const confirmRemove = async () => {
    if (!removing) return;
    try {
      const r = await remove.mutateAsync({ ...scope, workstreamId: removing.id });
      toast.success(
        `Workstream "${removing.name}" removed`,
        r.itemsCleared ? `${plural(r.itemsCleared, "item")} no longer have a workstream.` : undefined,
      );
      setRemoving(null);
      remove.reset();
    } catch {
      // shown in the dialog
    }
  };

  return (
    <div className="flex flex-col gap-4">
      {rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 px-4 py-6 text-center text-sm text-slate-600">
          No workstreams yet.{canEdit && " Add one below to group items, e.g. Design, Build, Test."}
        </p>
      ) : (
        <ol className="divide-y divide-slate-200 rounded-lg border border-slate-200" aria-label="Workstreams">
          {rows.map((w, i) => (
            <li key={w.id} className="flex flex-wrap items-center gap-2 px-3 py-2">
              {editing === w.id ? (
                <RenameForm scope={scope} workstream={w} onDone={() => setEditing(null)} />
              ) : (
                <>
                  <div className="min-w-0 flex-1">
                    <p className="truncate text-sm font-medium text-slate-900">{w.name}</p>
                    <p className="text-xs text-slate-600">{plural(w.itemCount, "item")}</p>
                  </div>
                  {canEdit && (
                    <div className="flex items-center gap-0.5">
                      <IconButton
                        icon={ArrowUp}
                        title="Move up"
                        label={`Move ${w.name} up`}
                        disabled={i === 0 || reorder.isPending}
                        onClick={() => move(i, -1)}
                      />
                      <IconButton
                        icon={ArrowDown}
                        title="Move down"
                        label={`Move ${w.name} down`}
                        disabled={i === rows.length - 1 || reorder.isPending}
                        onClick={() => move(i, 1)}
                      />
                      <IconButton
                        icon={Pencil}
                        title="Rename"
                        label={`Rename ${w.name}`}
                        onClick={() => setEditing(w.id)}
                      />
                      <IconButton
                        icon={Trash2}
                        title="Remove"
                        label={`Remove ${w.name}`}
                        className="text-red-700 hover:bg-red-50"
                        onClick={() => setRemoving(w)}
                      />
                    </div>
                  )}
                </>
              )}
            </li>
          ))}
        </ol>
      )}

      {canEdit && <AddForm scope={scope} existing={rows.map((w) => w.name)} />}

      <ConfirmDialog
        open={!!removing}
        title="Remove workstream?"
        confirmLabel="Remove workstream"
        danger
        pending={remove.isPending}
        error={remove.error ? errorInfo(remove.error).message : null}
        onConfirm={() => void confirmRemove()}
        onClose={() => {
          setRemoving(null);
          remove.reset();
        }}
      >
        {removing && (
          <p>
            Remove <strong className="font-semibold text-slate-900">{removing.name}</strong>?{" "}
            {removing.itemCount > 0
              ? `${plural(removing.itemCount, "item")} will lose ${removing.itemCount === 1 ? "its" : "their"} workstream (the items themselves stay).`
              : "No items use it."}
          </p>
        )}
      </ConfirmDialog>
    </div>
  );
}

/** Every server error of these one-field forms goes under the name (the forms have no summary). */
function nameError(form: UseFormReturn<{ name: string }, unknown, { name: string }>, err: unknown) {
  const info = errorInfo(err);
  form.setError("name", { type: "server", message: firstError(info.fieldErrors, "name") ?? info.message });
}

function AddForm({ scope, existing }: { scope: Scope; existing: string[] }) {
  const toast = useToast();
  const add = api.project.workstream.add.useMutation();
  const { form, formRef, onSubmit, fieldError } = useAppForm({
    schema: z.object({
      name: ZWorkstreamName.refine((n) => !existing.some((e) => e.toLowerCase() === n.toLowerCase()), {
        message: "A workstream with this name already exists",
      }),
    }),
    defaultValues: { name: "" },
    onSubmit: async ({ name }): Promise<void> => {
      try {
        await add.mutateAsync({ ...scope, name });
      } catch (err) {
        return nameError(form, err);
      }
      form.reset();
      toast.success("Workstream added", name);
    },
  });

  return (
    <form
      ref={formRef}
      noValidate
      onSubmit={onSubmit}
      className="flex flex-col gap-2 sm:flex-row sm:items-start"
    >
      <Field label="New workstream" labelClassName="sr-only" error={fieldError("name")} className="flex-1">
        <Input
          {...form.register("name")}
          placeholder="New workstream name"
          maxLength={100}
          autoComplete="off"
        />
      </Field>
      <Button type="submit" variant="secondary" loading={add.isPending}>
        {!add.isPending && <Plus className="size-4" aria-hidden="true" />}
        Add workstream
      </Button>
    </form>
  );
}

function RenameForm({
  scope,
  workstream,
  onDone,
}: {
  scope: Scope;
  workstream: Workstream;
  onDone: () => void;
}) {
  const toast = useToast();
  const rename = api.project.workstream.rename.useMutation();
  const { form, formRef, onSubmit, fieldError } = useAppForm({
    schema: z.object({ name: ZWorkstreamName }),
    defaultValues: { name: workstream.name },
    onSubmit: async ({ name }): Promise<void> => {
      if (name === workstream.name) return onDone();
      try {
        await rename.mutateAsync({ ...scope, workstreamId: workstream.id, name });
      } catch (err) {
        return nameError(form, err);
      }
      toast.success("Workstream renamed", `${workstream.name} → ${name}`);
      onDone();
    },
  });

  return (
    <form
      ref={formRef}
      noValidate
      onSubmit={onSubmit}
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.preventDefault();
          onDone();
        }
      }}
      className="flex w-full flex-col gap-2 sm:flex-row sm:items-start"
    >
      <Field
        label={`Rename ${workstream.name}`}
        labelClassName="sr-only"
        error={fieldError("name")}
        className="flex-1"
      >
        <Input {...form.register("name")} maxLength={100} autoComplete="off" autoFocus />
      </Field>
      <div className="flex gap-2">
        <Button type="submit" size="md" loading={rename.isPending}>
          {!rename.isPending && <Check className="size-4" aria-hidden="true" />}
          Save
        </Button>
        <Button variant="secondary" onClick={onDone}>
          <X className="size-4" aria-hidden="true" />
          Cancel
        </Button>
      </div>
    </form>
  );
}

/** A row's icon-only action: the title shows on hover, the label names the row for screen readers. */
function IconButton({
  icon: Icon,
  title,
  label,
  ...props
}: {
  icon: React.ComponentType<{ className?: string; "aria-hidden"?: boolean | "true" }>;
  title: string;
  label: string;
  disabled?: boolean;
  className?: string;
  onClick: () => void;
}) {
  return (
    <Button variant="ghost" size="icon" aria-label={label} title={title} {...props}>
      <Icon className="size-4" aria-hidden="true" />
    </Button>
  );
}

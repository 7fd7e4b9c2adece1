"use client";

import { useId } from "react";
import { type DefaultValues, type FieldValues, type Path, type PathValue, useWatch } from "react-hook-form";
import { z } from "zod";
import { Dialog } from "@/components/ui/dialog";
import { AppForm } from "@/components/ui/app-form";
import { FormDialogButtons } from "@/components/ui/form-dialog-buttons";
import { useToast } from "@/components/ui/toast";
import type { FieldErrors } from "@/lib/trpc-error";
import { useAppForm } from "@/lib/use-app-form";

/**
 * The add / edit dialogs of the budget records (allocation, timesheet entry,
 * rate-card entry) are made by `entryDialog` and share `useEntryForm`: each
 * dialog keeps only its texts, its fields, the server schema they are checked
 * against, and what it sends.
 */

/** What every entry dialog is given by its panel. */
export type EntryDialogProps<Entry> = {
  orgSlug: string;
  projectId: string;
  open: boolean;
  onClose: () => void;
  /** null: add a new entry. */
  entry: Entry | null;
};

type Mutation = { isPending: boolean; reset: () => void };
/** The create and update mutations of one kind of entry. */
type EntryMutations = { create: Mutation; update: Mutation };
/** The tRPC procedures of one kind of entry, e.g. `api.budget.allocation`. */
type EntryProcedures = { create: { useMutation: () => Mutation }; update: { useMutation: () => Mutation } };
type MutationsOf<P extends EntryProcedures> = {
  create: ReturnType<P["create"]["useMutation"]>;
  update: ReturnType<P["update"]["useMutation"]>;
};

/** What every entry form is given by its dialog: the entry, its mutations, its form id and how to close. */
export type EntryFormProps<Entry, P extends EntryProcedures> = {
  orgSlug: string;
  projectId: string;
  entry: Entry | null;
  formId: string;
  onDone: () => void;
} & MutationsOf<P>;

/**
 * The add / edit dialog of one kind of entry: a Cancel / submit ("Save changes"
 * when editing, else `addLabel`) footer bound to the `Form`, which runs the
 * create / update `procedures`. The form is mounted only while open, afresh for
 * each entry, and is given the dialog's other props (`X`) too; closing resets
 * the mutations.
 */
export function entryDialog<
  Entry extends { id: string },
  P extends EntryProcedures,
  X extends object = object,
>({
  procedures,
  title,
  description,
  addLabel,
  Form,
}: {
  procedures: P;
  /** The dialog's title for `entry` (null: adding). */
  title: (entry: Entry | null) => string;
  description: string;
  addLabel: string;
  Form: React.ComponentType<EntryFormProps<Entry, P> & X>;
}) {
  return function EntryDialog(props: EntryDialogProps<Entry> & X) {
    const { open, onClose, entry } = props;
    const mutations = {
      create: procedures.create.useMutation(),
      update: procedures.update.useMutation(),
    } as MutationsOf<P>;
    const formId = useId();
    const close = () => {
      mutations.create.reset();
      mutations.update.reset();
      onClose();
    };
    return (
      <Dialog
        open={open}
        onClose={close}
        title={title(entry)}
        description={description}
        footer={
          <FormDialogButtons
            form={formId}
            loading={mutations.create.isPending || mutations.update.isPending}
            onCancel={close}
          >
            {entry ? "Save changes" : addLabel}
          </FormDialogButtons>
        }
      >
        {open && <Form key={entry?.id ?? "new"} {...props} {...mutations} formId={formId} onDone={close} />}
      </Dialog>
    );
  };
}

type InProject = { orgSlug: string; projectId: string };

/**
 * The save of an entry that belongs to the project: an update of `entry` (refused
 * if it changed since it was loaded) or, when adding, a create.
 */
export function saveInProject<F extends object, Saved>(
  {
    orgSlug,
    projectId,
    entry,
    create,
    update,
  }: InProject & {
    entry: { id: string; updatedAt: Date } | null;
    create: { mutateAsync: (input: NoInfer<InProject & F>) => Promise<Saved> };
    update: {
      mutateAsync: (
        input: NoInfer<InProject & { id: string; expectedUpdatedAt: Date } & F>,
      ) => Promise<Saved>;
    };
  },
  fields: F,
): Promise<Saved> {
  return entry
    ? update.mutateAsync({ orgSlug, projectId, id: entry.id, expectedUpdatedAt: entry.updatedAt, ...fields })
    : create.mutateAsync({ orgSlug, projectId, ...fields });
}

type Values = Record<string, string | boolean>;
/** The fields of `V` that hold free text (not a boolean, not a union of fixed strings). */
type TextField<V> = {
  [K in keyof V]: string extends V[K] ? (V[K] extends string ? K : never) : never;
}[keyof V];
type TextControl = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/**
 * A budget entry form's state and submit, on the app's form hook (`useAppForm`). The values start as `initial`;
 * on submit they become the record's `fields`, which are checked against the
 * server's own `schema` (plus the form's `validate`) before anything is sent:
 * problems show under their fields with a summary on top. Then `save`; on
 * success (the budget views refresh like after any change) a toast says what was saved and the dialog
 * closes; a server error is shown on the form, its field errors under their
 * fields.
 */
export function useEntryForm<V extends Values, F extends FieldValues, Saved>(
  { formId, onDone, create, update }: { formId: string; onDone: () => void } & EntryMutations,
  {
    initial,
    fields,
    schema,
    validate,
    save,
    saved,
  }: {
    initial: V;
    /** The record as the procedure takes it (without the project scope and id). */
    fields: (values: V) => F;
    /**
     * The create procedure's input schema, shared with the server: every rule it applies (lengths,
     * ranges, date order…) is shown before sending. An edit sends every field too, so the same rules hold.
     */
    schema: z.ZodType;
    /** Friendlier messages for the commonest mistakes, and checks of form-only choices; they win over the schema's. */
    validate?: (values: V) => FieldErrors;
    save: (fields: F, values: V) => Promise<Saved>;
    /** The success toast: title and description. */
    saved: (result: Saved) => [title: string, description: string];
  },
) {
  const pending = create.isPending || update.isPending;
  const toast = useToast();
  const { form, formRef, formError, onSubmit, fieldError } = useAppForm<V, F>({
    // The record is checked against the server's schema, then the form's own rules (which win).
    schema: z.custom<V>().transform((values, ctx) => {
      const record = fields(values);
      const checked = schema.safeParse(record);
      const flat = checked.success ? { formErrors: [], fieldErrors: {} } : z.flattenError(checked.error);
      const problems: FieldErrors = { ...flat.fieldErrors, ...validate?.(values) };
      for (const [field, messages] of Object.entries(problems))
        if (messages?.[0]) ctx.addIssue({ code: "custom", path: [field], message: messages[0] });
      if (flat.formErrors[0]) ctx.addIssue({ code: "custom", path: ["root"], message: flat.formErrors[0] });
      return record;
    }),
    defaultValues: initial as DefaultValues<V>,
    invalidMessage: "Please correct the highlighted fields.",
    onSubmit: async (record) => {
      const result = await save(record, form.getValues());
      toast.success(...saved(result));
      onDone();
    },
  });
  const values = useWatch({ control: form.control }) as V;
  const set = <K extends keyof V>(field: K, value: V[K]) =>
    form.setValue(field as unknown as Path<V>, value as PathValue<V, Path<V>>);

  return {
    formId,
    values,
    set,
    /** `{...bind("field")}`: value, change handler and disabled state of a text input, select or textarea. */
    bind: (field: TextField<V>) => ({
      value: values[field] as string,
      onChange: (e: React.ChangeEvent<TextControl>) => set(field, e.target.value as V[TextField<V>]),
      disabled: pending,
    }),
    pending,
    formRef,
    formError,
    onSubmit,
    /** The first error of a field, for its `Field`. */
    err: (field: string) => fieldError(field),
  };
}

/** The `<form>` of an entry dialog, with the form-level error on top. */
export function EntryForm({
  form,
  children,
}: {
  form: ReturnType<typeof useEntryForm>;
  children: React.ReactNode;
}) {
  return (
    <AppForm app={form} busy={form.pending} id={form.formId} className="gap-5">
      {children}
    </AppForm>
  );
}

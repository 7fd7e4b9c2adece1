"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRef, useState } from "react";
import {
  type DefaultValues,
  type FieldPath,
  type FieldValues,
  type Resolver,
  useForm,
  type UseFormProps,
  type UseFormReturn,
} from "react-hook-form";
import type { z } from "zod";
import { focusFirstInvalid } from "@/lib/focus-invalid";
import { errorInfo, type ErrorInfo } from "@/lib/trpc-error";

type AppFormOptions<In extends FieldValues, Out extends FieldValues> = {
  /** The same zod schema the server checks (client and server say the same thing). */
  schema: z.ZodType<Out, In>;
  defaultValues: DefaultValues<In>;
  /** Runs with the parsed values. A thrown TRPCClientError is shown on the form (see showServerError). */
  onSubmit: (values: Out) => Promise<unknown> | unknown;
  /** Summary shown when the client-side check fails (none by default: the fields say it). */
  invalidMessage?: string;
  /** Server error keys the form shows itself although they are no field (e.g. a list's own message). */
  extraErrorKeys?: string[];
  /** Server error keys that belong to a differently named field (e.g. `assignedToUserId` → `assignedTo`). */
  errorKeyAliases?: Record<string, string>;
  /** A resolver built on `schema` with friendlier messages; zodResolver(schema) by default. */
  resolver?: Resolver<In, unknown, Out>;
} & Pick<UseFormProps<In, unknown, Out>, "mode" | "reValidateMode">;

export type AppForm<In extends FieldValues, Out extends FieldValues> = {
  form: UseFormReturn<In, unknown, Out>;
  /** Put on the <form>: focus goes to the first invalid field in page order. */
  formRef: React.RefObject<HTMLFormElement | null>;
  /** The message above the form (server errors not tied to a field, or `invalidMessage`). */
  formError: React.ReactNode;
  setFormError: (message: React.ReactNode) => void;
  /** The <form onSubmit> handler. */
  onSubmit: (e?: React.BaseSyntheticEvent) => Promise<void>;
  /** First message for a field (client or server). */
  fieldError: (name: FieldPath<In> | (string & {})) => string | undefined;
  /** Places a server error's fieldErrors under the fields they name; the rest goes above the form. */
  showServerError: (err: unknown) => ErrorInfo;
  /** True while onSubmit runs. */
  submitting: boolean;
  /** Put on the <form> for Ctrl/⌘+Enter to save from any field (not twice while a save runs). */
  onKeyDown: (e: React.KeyboardEvent<HTMLFormElement>) => void;
};

/**
 * The one form hook: react-hook-form + zodResolver, server `fieldErrors` (from the error
 * formatter in src/server/api/trpc.ts) placed onto the fields they name, and focus moved to
 * the first invalid field in page order after a failed submit. Errors show on submit and then
 * follow each change.
 */
export function useAppForm<In extends FieldValues, Out extends FieldValues = In>({
  schema,
  defaultValues,
  onSubmit,
  invalidMessage,
  extraErrorKeys = [],
  errorKeyAliases = {},
  resolver,
  mode = "onSubmit",
  reValidateMode = "onChange",
}: AppFormOptions<In, Out>): AppForm<In, Out> {
  const formRef = useRef<HTMLFormElement>(null);
  const [formError, setFormError] = useState<React.ReactNode>(null);
  const saving = useRef(false);
  const form = useForm<In, unknown, Out>({
    resolver: resolver ?? (zodResolver(schema as never) as unknown as Resolver<In, unknown, Out>),
    defaultValues,
    mode,
    reValidateMode,
    // Focus follows page order (focusFirstInvalid), not registration order.
    shouldFocusError: false,
  });

  const showServerError = (err: unknown): ErrorInfo => {
    const info = errorInfo(err);
    const known = new Set([...Object.keys(form.getValues()), ...extraErrorKeys]);
    const other: string[] = [];
    let placed = false;
    for (const [name, messages] of Object.entries(info.fieldErrors)) {
      const key = errorKeyAliases[name] ?? name;
      const message = messages?.[0];
      if (!message) continue;
      if (known.has(key)) {
        form.setError(key as FieldPath<In>, { type: "server", message });
        placed = true;
      } else other.push(message);
    }
    setFormError(other.length ? other.join(" ") : info.message);
    if (placed) focusFirstInvalid(formRef.current);
    return info;
  };

  const submit = form.handleSubmit(
    async (values) => {
      saving.current = true;
      try {
        await onSubmit(values);
      } catch (err) {
        showServerError(err);
      } finally {
        saving.current = false;
      }
    },
    (errors) => {
      // A schema-wide problem (an issue at path "root") wins over the generic summary.
      const root = (errors as { root?: { message?: unknown } }).root?.message;
      if (typeof root === "string" && root) setFormError(root);
      else if (invalidMessage) setFormError(invalidMessage);
      focusFirstInvalid(formRef.current);
    },
  );

  const errors = form.formState.errors as Record<string, { message?: unknown } | undefined>;
  return {
    form,
    formRef,
    formError,
    setFormError,
    onSubmit: async (e) => {
      setFormError(null);
      await submit(e);
    },
    fieldError: (name) => {
      const message = errors[name]?.message;
      return typeof message === "string" && message ? message : undefined;
    },
    showServerError,
    submitting: form.formState.isSubmitting,
    onKeyDown: (e) => {
      // Not when a field used the keys itself (e.g. a note), nor twice while a save is under way.
      if (e.key !== "Enter" || !(e.ctrlKey || e.metaKey) || e.defaultPrevented || e.nativeEvent.isComposing)
        return;
      if (saving.current) return;
      e.preventDefault();
      formRef.current?.requestSubmit();
    },
  };
}

/**
 * `from.pipe(to)` for form schemas: the form's own fields (`from`, usually plain strings and a
 * transform) feed the server's input schema (`to`). zod's `pipe` wants `to` to accept exactly
 * what `from` outputs; here it only has to accept it (optional fields may stay unset).
 */
export function pipeTo<I, M extends TIn, TIn, O>(
  from: z.ZodType<M, I>,
  to: z.ZodType<O, TIn>,
): z.ZodType<O, I> {
  return (from as z.ZodType<M, I> & { pipe: (t: unknown) => unknown }).pipe(to) as z.ZodType<O, I>;
}

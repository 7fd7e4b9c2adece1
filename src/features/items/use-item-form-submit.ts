"use client";

import { useRef, useState } from "react";
import type { FieldValues, UseFormReturn } from "react-hook-form";
import { focusFirstInvalid } from "@/lib/focus-invalid";
import { type ItemFormValues, splitServerErrors } from "@/lib/item-form";
import type { ErrorInfo } from "@/lib/trpc-error";

/**
 * The submit plumbing the item editor and New item share: the form's
 * summary error, the submit handler (client checks first, focus on the first
 * invalid field in page order) and the server's field errors put back under
 * the fields they name, and Ctrl/⌘+Enter to save.
 */
export function useItemFormSubmit<Payload extends FieldValues>(
  form: UseFormReturn<ItemFormValues, unknown, Payload>,
  onValid: (data: Payload) => Promise<void>,
) {
  const formRef = useRef<HTMLFormElement>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const saving = useRef(false);

  const onSubmit = (e: React.FormEvent<HTMLFormElement>) => {
    setFormError(null);
    const save = async (data: Payload) => {
      saving.current = true;
      try {
        await onValid(data);
      } finally {
        saving.current = false;
      }
    };
    void form.handleSubmit(save, () => {
      setFormError("Please correct the highlighted fields.");
      focusFirstInvalid(formRef.current);
    })(e);
  };

  /** Ctrl/⌘+Enter anywhere in the form saves it (unless a field used the keys itself, e.g. a note). */
  const onKeyDown = (e: React.KeyboardEvent<HTMLFormElement>) => {
    if (e.key !== "Enter" || !(e.ctrlKey || e.metaKey) || e.defaultPrevented || e.nativeEvent.isComposing)
      return;
    // Not twice while a save is under way.
    if (saving.current) return;
    e.preventDefault();
    formRef.current?.requestSubmit();
  };

  /** Field messages under their fields; anything else (or the error's message) above the form. */
  const showServerError = (info: ErrorInfo) => {
    const { fields, other } = splitServerErrors(info.fieldErrors);
    for (const [key, message] of fields) form.setError(key, { type: "server", message });
    setFormError(other.length ? other.join(" ") : info.message);
    focusFirstInvalid(formRef.current);
  };

  return { formRef, formError, setFormError, onSubmit, onKeyDown, showServerError };
}

"use client";

import { Check, Eye, EyeOff, X } from "lucide-react";
import { forwardRef, useId, useState } from "react";
import type { UseFormRegisterReturn } from "react-hook-form";
import { Field, Input } from "@/components/ui/field";
import { PASSWORD_RULES } from "@/domain/password";
import { cn } from "@/lib/cn";

/** A password input with a show / hide toggle. Use inside <Field>. */
export const PasswordInput = forwardRef<HTMLInputElement, Omit<React.ComponentProps<"input">, "type">>(
  function PasswordInput({ className, ...props }, ref) {
    const [shown, setShown] = useState(false);
    return (
      <div className="relative">
        <Input ref={ref} {...props} type={shown ? "text" : "password"} className={cn("pr-12", className)} />
        <button
          type="button"
          onClick={() => setShown((s) => !s)}
          aria-pressed={shown}
          className="absolute inset-y-0 right-0 inline-flex w-11 items-center justify-center rounded-r-lg text-slate-600 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-offset-[-2px] focus-visible:outline-blue-600"
        >
          {shown ? (
            <EyeOff className="size-4.5" aria-hidden="true" />
          ) : (
            <Eye className="size-4.5" aria-hidden="true" />
          )}
          <span className="sr-only">{shown ? "Hide password" : "Show password"}</span>
        </button>
      </div>
    );
  },
);

/** The password rules, ticked off as they are met. */
export function PasswordChecklist({ password, id }: { password: string; id?: string }) {
  return (
    <ul id={id} className="grid gap-1 text-xs sm:grid-cols-2" aria-label="Password requirements">
      {PASSWORD_RULES.map((r) => {
        const ok = r.test(password);
        return (
          <li
            key={r.message}
            className={cn("flex items-center gap-1.5", ok ? "text-green-800" : "text-slate-600")}
          >
            {ok ? (
              <Check className="size-3.5" aria-hidden="true" />
            ) : (
              <X className="size-3.5" aria-hidden="true" />
            )}
            <span>
              {r.message}
              <span className="sr-only">{ok ? " (done)" : " (not yet)"}</span>
            </span>
          </li>
        );
      })}
    </ul>
  );
}

/**
 * A new password with its rules ticked off below it, and (with `confirm`) the field that repeats it.
 * `password` is the field's current value (useWatch).
 */
export function NewPasswordFields({
  label,
  field,
  error,
  password,
  autoFocus,
  confirm,
}: {
  label: string;
  field: UseFormRegisterReturn;
  error?: string;
  password: string;
  autoFocus?: boolean;
  confirm?: { field: UseFormRegisterReturn; error?: string };
}) {
  const rulesId = useId();
  return (
    <>
      <Field label={label} error={error}>
        <PasswordInput
          {...field}
          autoComplete="new-password"
          maxLength={200}
          required
          autoFocus={autoFocus}
          aria-describedby={rulesId}
        />
      </Field>
      <PasswordChecklist password={password} id={rulesId} />
      {confirm && (
        <Field label="Repeat the new password" error={confirm.error}>
          <PasswordInput {...confirm.field} autoComplete="new-password" maxLength={200} required />
        </Field>
      )}
    </>
  );
}

"use client";

import { MailCheck } from "lucide-react";
import Link from "next/link";
import { useRef, useState } from "react";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import { Field, FormError, Input } from "@/components/ui/field";
import { errorInfo, firstError, type FieldErrors } from "@/lib/trpc-error";
import { ZRequestReset } from "@/server/api/routers/account.schema";
import { api } from "@/trpc/react";
import { linkClasses } from "./auth-card";

export function ForgotPasswordForm() {
  const request = api.auth.requestPasswordReset.useMutation();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const emailRef = useRef<HTMLInputElement>(null);
  const doneRef = useRef<HTMLDivElement>(null);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setFormError(null);
    const parsed = ZRequestReset.safeParse({ email: new FormData(e.currentTarget).get("email") });
    if (!parsed.success) {
      setErrors(z.flattenError(parsed.error).fieldErrors as FieldErrors);
      emailRef.current?.focus();
      return;
    }
    setErrors({});
    try {
      await request.mutateAsync(parsed.data);
      setSentTo(parsed.data.email);
      requestAnimationFrame(() => doneRef.current?.focus());
    } catch (err) {
      const info = errorInfo(err);
      setErrors(info.fieldErrors);
      setFormError(info.message);
    }
  }

  if (sentTo) {
    return (
      <div ref={doneRef} tabIndex={-1} role="status" className="mt-6 flex flex-col gap-3 focus:outline-none">
        <div className="flex items-start gap-3 rounded-lg bg-green-50 p-3 text-sm text-green-900">
          <MailCheck className="mt-0.5 size-5 shrink-0" aria-hidden="true" />
          <p>
            If an account exists for <strong className="font-semibold">{sentTo}</strong>, we have sent it a link to choose a
            new password. The link works once and expires in 1 hour.
          </p>
        </div>
        <p className="text-sm text-slate-600">
          No e-mail after a few minutes? Check your spam folder, or{" "}
          <button type="button" className={linkClasses} onClick={() => setSentTo(null)}>
            try again
          </button>
          .
        </p>
        <Link href="/sign-in" className={`${linkClasses} text-sm`}>
          Back to sign in
        </Link>
      </div>
    );
  }

  return (
    <form noValidate onSubmit={onSubmit} aria-busy={request.isPending} aria-label="Request a password reset" className="mt-6 flex flex-col gap-4">
      <FormError>{formError}</FormError>
      <Field label="E-mail" error={firstError(errors, "email")}>
        <Input
          ref={emailRef}
          name="email"
          type="email"
          autoComplete="email"
          inputMode="email"
          autoCapitalize="none"
          spellCheck={false}
          required
          autoFocus
        />
      </Field>
      <Button type="submit" loading={request.isPending} className="w-full">
        {request.isPending ? "Sending…" : "Send reset link"}
      </Button>
    </form>
  );
}

"use client";

import { MailCheck } from "lucide-react";
import Link from "next/link";
import { useRef, useState } from "react";
import { AppForm } from "@/components/ui/app-form";
import { Button } from "@/components/ui/button";
import { EmailInput, Field } from "@/components/ui/field";
import { useAppForm } from "@/lib/use-app-form";
import { ZRequestReset } from "@/contracts/account";
import { api } from "@/trpc/react";
import { linkClasses } from "./auth-card";

export function ForgotPasswordForm() {
  const request = api.auth.requestPasswordReset.useMutation();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const doneRef = useRef<HTMLDivElement>(null);

  const app = useAppForm({
    schema: ZRequestReset,
    defaultValues: { email: "" },
    onSubmit: async (values) => {
      await request.mutateAsync(values);
      setSentTo(values.email);
      requestAnimationFrame(() => doneRef.current?.focus());
    },
  });
  const { form, fieldError } = app;

  if (sentTo) {
    return (
      <div ref={doneRef} tabIndex={-1} role="status" className="mt-6 flex flex-col gap-3 focus:outline-none">
        <div className="flex items-start gap-3 rounded-lg bg-green-50 p-3 text-sm text-green-900">
          <MailCheck className="mt-0.5 size-5 shrink-0" aria-hidden="true" />
          <p>
            If an account exists for <strong className="font-semibold">{sentTo}</strong>, we have sent it a
            link to choose a new password. The link works once and expires in 1 hour.
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
    <AppForm app={app} busy={request.isPending} aria-label="Request a password reset" className="mt-6">
      <Field label="E-mail" error={fieldError("email")}>
        <EmailInput {...form.register("email")} autoComplete="email" required autoFocus />
      </Field>
      <Button type="submit" loading={request.isPending} className="w-full">
        {request.isPending ? "Sending…" : "Send reset link"}
      </Button>
    </AppForm>
  );
}

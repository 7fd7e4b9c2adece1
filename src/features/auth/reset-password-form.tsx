"use client";

import { CircleCheck } from "lucide-react";
import Link from "next/link";
import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormError } from "@/components/ui/field";
import { focusFirstInvalid } from "@/lib/focus-invalid";
import { errorInfo, firstError, type FieldErrors } from "@/lib/trpc-error";
import { passwordProblems } from "@/domain/password";
import { api } from "@/trpc/react";
import { linkClasses } from "./auth-card";
import { PasswordChecklist, PasswordInput } from "./password-input";
import { useStripTokenFromUrl } from "./strip-token";

export function ResetPasswordForm({ token }: { token: string }) {
  useStripTokenFromUrl();
  const reset = api.auth.resetPassword.useMutation();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<React.ReactNode>(null);
  const [password, setPassword] = useState("");
  const [done, setDone] = useState(false);
  const doneRef = useRef<HTMLDivElement>(null);

  if (!token) return <BadLink />;

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const confirm = String(new FormData(form).get("confirm") ?? "");
    setFormError(null);
    const next: FieldErrors = {};
    const problems = passwordProblems(password);
    if (problems.length) next.password = problems;
    if (!problems.length && confirm !== password) next.confirm = ["The two passwords differ"];
    setErrors(next);
    if (Object.keys(next).length) {
      focusFirstInvalid(form);
      return;
    }
    try {
      await reset.mutateAsync({ token, password });
      setDone(true);
      requestAnimationFrame(() => doneRef.current?.focus());
    } catch (err) {
      const info = errorInfo(err);
      if (info.fieldErrors.token) {
        setFormError(<BadLinkText message={info.fieldErrors.token[0]} />);
        setErrors({});
      } else {
        setErrors(info.fieldErrors);
        setFormError(info.message);
        focusFirstInvalid(form);
      }
    }
  }

  if (done) {
    return (
      <div ref={doneRef} tabIndex={-1} role="status" className="mt-6 flex flex-col gap-4 focus:outline-none">
        <p className="flex items-start gap-3 rounded-lg bg-green-50 p-3 text-sm text-green-900">
          <CircleCheck className="mt-0.5 size-5 shrink-0" aria-hidden="true" />
          Your password has been changed. For your security, you were signed out everywhere.
        </p>
        <Link href="/sign-in" className="inline-flex min-h-11 items-center justify-center rounded-lg bg-blue-700 px-4 text-sm font-medium text-white hover:bg-blue-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600">
          Sign in with your new password
        </Link>
      </div>
    );
  }

  return (
    <form noValidate onSubmit={onSubmit} aria-busy={reset.isPending} aria-label="Choose a new password" className="mt-6 flex flex-col gap-4">
      <FormError>{formError}</FormError>
      <Field label="New password" error={firstError(errors, "password")}>
        <PasswordInput
          name="password"
          autoComplete="new-password"
          maxLength={200}
          required
          autoFocus
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          aria-describedby="reset-pw-rules"
        />
      </Field>
      <PasswordChecklist password={password} id="reset-pw-rules" />
      <Field label="Repeat the new password" error={firstError(errors, "confirm")}>
        <PasswordInput name="confirm" autoComplete="new-password" maxLength={200} required />
      </Field>
      <Button type="submit" loading={reset.isPending} className="mt-2 w-full">
        {reset.isPending ? "Saving…" : "Set new password"}
      </Button>
    </form>
  );
}

function BadLinkText({ message }: { message?: string }) {
  return (
    <>
      {message ?? "This link is invalid, used or expired."}{" "}
      <Link href="/forgot-password" className={linkClasses}>
        Ask for a new link
      </Link>
      .
    </>
  );
}

function BadLink() {
  return (
    <div className="mt-6">
      <FormError>
        <BadLinkText message="This link is incomplete. Open the link from the e-mail again, or" />
      </FormError>
    </div>
  );
}

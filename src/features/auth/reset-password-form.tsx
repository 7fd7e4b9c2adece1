"use client";

import { CircleCheck } from "lucide-react";
import Link from "next/link";
import { useRef, useState } from "react";
import { AppForm } from "@/components/ui/app-form";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { useWatch } from "react-hook-form";
import { z } from "zod";
import { errorInfo } from "@/lib/trpc-error";
import { useAppForm } from "@/lib/use-app-form";
import { passwordProblems } from "@/domain/password";
import { api } from "@/trpc/react";
import { linkClasses } from "./auth-card";
import { NewPasswordFields } from "./password-input";
import { useStripTokenFromUrl } from "./strip-token";

/** New password + repeat: the password rules (as the server checks them), then the two must match. */
const ZResetForm = z.object({ password: z.string(), confirm: z.string() }).superRefine((v, ctx) => {
  const problems = passwordProblems(v.password);
  for (const message of problems) ctx.addIssue({ code: "custom", path: ["password"], message });
  if (!problems.length && v.confirm !== v.password)
    ctx.addIssue({ code: "custom", path: ["confirm"], message: "The two passwords differ" });
});

export function ResetPasswordForm({ token }: { token: string }) {
  useStripTokenFromUrl();
  const reset = api.auth.resetPassword.useMutation();
  const [done, setDone] = useState(false);
  const doneRef = useRef<HTMLDivElement>(null);

  const app = useAppForm({
    schema: ZResetForm,
    defaultValues: { password: "", confirm: "" },
    onSubmit: async ({ password }) => {
      try {
        await reset.mutateAsync({ token, password });
      } catch (err) {
        const tokenError = errorInfo(err).fieldErrors.token;
        if (!tokenError) throw err;
        setFormError(<BadLinkText message={tokenError[0]} />);
        return;
      }
      setDone(true);
      requestAnimationFrame(() => doneRef.current?.focus());
    },
  });
  const { form, setFormError, fieldError } = app;
  const password = useWatch({ control: form.control, name: "password" });

  if (!token) return <BadLink />;

  if (done) {
    return (
      <div ref={doneRef} tabIndex={-1} role="status" className="mt-6 flex flex-col gap-4 focus:outline-none">
        <p className="flex items-start gap-3 rounded-lg bg-green-50 p-3 text-sm text-green-900">
          <CircleCheck className="mt-0.5 size-5 shrink-0" aria-hidden="true" />
          Your password has been changed. For your security, you were signed out everywhere.
        </p>
        <Link
          href="/sign-in"
          className="inline-flex min-h-11 items-center justify-center rounded-lg bg-blue-700 px-4 text-sm font-medium text-white hover:bg-blue-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
        >
          Sign in with your new password
        </Link>
      </div>
    );
  }

  return (
    <AppForm app={app} busy={reset.isPending} aria-label="Choose a new password" className="mt-6">
      <NewPasswordFields
        label="New password"
        field={form.register("password")}
        error={fieldError("password")}
        password={password}
        autoFocus
        confirm={{ field: form.register("confirm"), error: fieldError("confirm") }}
      />
      <Button type="submit" loading={reset.isPending} className="mt-2 w-full">
        {reset.isPending ? "Saving…" : "Set new password"}
      </Button>
    </AppForm>
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

"use client";

import { Building2, KeyRound } from "lucide-react";
import { getCsrfToken, signIn } from "next-auth/react";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useState } from "react";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import { Field, FormError, Input } from "@/components/ui/field";
import { errorInfo } from "@/lib/trpc-error";
import { useAppForm } from "@/lib/use-app-form";
import { api } from "@/trpc/react";
import { linkClasses } from "./auth-card";
import { signInErrorMessage } from "./sign-in-errors";

/** Sign-in page additions: errors from ?error=, account links, Google / Microsoft, and organization SSO. */
export function SignInExtras({ providers }: { providers: { id: string; name: string }[] }) {
  const params = useSearchParams();
  const error = signInErrorMessage(params.get("error"));
  return (
    <div className="mt-4 flex flex-col gap-4">
      {error && <FormError>{error}</FormError>}
      <div className="flex flex-wrap justify-between gap-2 text-sm">
        <Link href="/forgot-password" className={linkClasses}>
          Forgot password?
        </Link>
        <Link href="/sign-up" className={linkClasses}>
          Create account
        </Link>
      </div>
      <div className="flex items-center gap-3 text-xs text-slate-500" aria-hidden="true">
        <span className="h-px flex-1 bg-slate-200" />
        or
        <span className="h-px flex-1 bg-slate-200" />
      </div>
      {providers.map((p) => (
        <Button
          key={p.id}
          variant="secondary"
          className="w-full"
          onClick={() => void signIn(p.id, { callbackUrl: "/" })}
        >
          <KeyRound className="size-4" aria-hidden="true" />
          Sign in with {p.name}
        </Button>
      ))}
      <SsoSignIn />
    </div>
  );
}

/** Starts an organization's SSO sign-in (its provider is loaded per request, so next-auth's client cannot list it). */
export async function startProviderSignIn(providerId: string, callbackUrl = `${window.location.origin}/`) {
  const csrfToken = await getCsrfToken();
  const res = await fetch(`/api/auth/signin/${encodeURIComponent(providerId)}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken: csrfToken ?? "", callbackUrl, json: "true" }),
  });
  const { url } = (await res.json()) as { url?: string };
  if (!url) throw new Error("Could not start single sign-on");
  window.location.assign(url);
}

const ZSsoOrg = z.object({
  org: z.string().trim().toLowerCase().min(1, "Enter your organization's short name"),
});

function SsoSignIn() {
  const utils = api.useUtils();
  const [open, setOpen] = useState(false);
  const { form, formRef, formError, onSubmit, fieldError, submitting } = useAppForm({
    schema: ZSsoOrg,
    defaultValues: { org: "" },
    onSubmit: async ({ org }) => {
      try {
        const sso = await utils.auth.ssoProvider.fetch({ orgSlug: org });
        await startProviderSignIn(sso.providerId);
      } catch (err) {
        const info = errorInfo(err);
        if (info.code !== "NOT_FOUND" && info.code !== "BAD_REQUEST") throw err;
        form.setError(
          "org",
          { message: "No organization with single sign-on has that name." },
          { shouldFocus: true },
        );
      }
    },
  });

  if (!open) {
    return (
      <Button variant="secondary" className="w-full" onClick={() => setOpen(true)} aria-expanded={false}>
        <Building2 className="size-4" aria-hidden="true" />
        Sign in with SSO
      </Button>
    );
  }
  return (
    <form
      ref={formRef}
      noValidate
      aria-label="Sign in with your organization's SSO"
      className="flex flex-col gap-3 rounded-xl border border-slate-200 p-4"
      onSubmit={onSubmit}
    >
      <FormError>{formError}</FormError>
      <Field
        label="Organization"
        hint="The short name in your braidMgr address, e.g. acme in /o/acme."
        error={fieldError("org")}
      >
        <Input
          {...form.register("org")}
          autoCapitalize="none"
          spellCheck={false}
          autoComplete="organization"
          autoFocus
          required
        />
      </Field>
      <Button type="submit" loading={submitting} className="w-full">
        Continue with SSO
      </Button>
    </form>
  );
}

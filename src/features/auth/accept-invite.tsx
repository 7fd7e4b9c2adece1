"use client";

import { Building2 } from "lucide-react";
import { signIn, signOut } from "next-auth/react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useWatch } from "react-hook-form";
import { z } from "zod";
import { AppForm } from "@/components/ui/app-form";
import { Button } from "@/components/ui/button";
import { Field, FormError, Input } from "@/components/ui/field";
import { LoadingRegion, Skeleton } from "@/components/ui/skeleton";
import { RoleBadge } from "@/components/ui/badges";
import { useAppForm } from "@/lib/use-app-form";
import { formatDateTime, plural } from "@/lib/format";
import { errorInfo } from "@/lib/trpc-error";
import { useAppSession } from "@/lib/use-app-session";
import { passwordProblems } from "@/domain/password";
import { api, type RouterOutputs } from "@/trpc/react";
import { linkClasses } from "./auth-card";
import { NewPasswordFields, PasswordInput } from "./password-input";
import { signInErrorMessage } from "./sign-in-errors";

type Invitation = RouterOutputs["auth"]["invitation"];

export function AcceptInvite({ token }: { token: string }) {
  const preview = api.auth.invitation.useQuery({ token }, { enabled: !!token, retry: false });
  const { user, status } = useAppSession();

  if (!token)
    return (
      <FormError className="mt-6">
        This invitation link is incomplete. Open the link from the e-mail again.
      </FormError>
    );
  if (preview.isPending || status === "loading") {
    return (
      <LoadingRegion label="Loading the invitation" className="mt-6 flex flex-col gap-3">
        <Skeleton className="h-5 w-3/4" />
        <Skeleton className="h-11 w-full" />
      </LoadingRegion>
    );
  }
  if (preview.isError) {
    const info = errorInfo(preview.error);
    return (
      <FormError className="mt-6">
        {info.code === "NOT_FOUND"
          ? "This invitation link is not valid. Ask for a new invitation."
          : info.message}
      </FormError>
    );
  }
  const inv = preview.data;
  return (
    <div className="mt-6 flex flex-col gap-5">
      <InvitationSummary inv={inv} />
      {inv.status !== "pending" ? (
        <FormError>{inv.message}</FormError>
      ) : user && user.email === inv.email ? (
        <AcceptAsSignedIn token={token} inv={inv} />
      ) : user ? (
        <WrongAccount signedInAs={user.email} inv={inv} />
      ) : inv.accountExists ? (
        <SignInThenAccept token={token} inv={inv} />
      ) : (
        <CreateAccountAndAccept token={token} inv={inv} />
      )}
      {inv.status === "pending" && (
        <DeclineInvitation token={token} orgName={inv.orgName} onDone={() => void preview.refetch()} />
      )}
    </div>
  );
}

/** Saying no is as easy as saying yes; the org's admins see the invitation as declined. */
function DeclineInvitation({
  token,
  orgName,
  onDone,
}: {
  token: string;
  orgName: string;
  onDone: () => void;
}) {
  const decline = api.auth.declineInvitation.useMutation();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="flex flex-col gap-2 border-t border-slate-200 pt-4">
      <FormError>{error}</FormError>
      <Button
        variant="ghost"
        className="w-full"
        loading={decline.isPending}
        onClick={async () => {
          setError(null);
          try {
            await decline.mutateAsync({ token });
            onDone();
          } catch (err) {
            setError(errorInfo(err).message);
          }
        }}
      >
        Decline — don&apos;t join {orgName}
      </Button>
    </div>
  );
}

function InvitationSummary({ inv }: { inv: Invitation }) {
  return (
    <div className="flex items-start gap-3 rounded-xl border border-slate-200 bg-slate-50 p-4">
      <div className="flex size-10 shrink-0 items-center justify-center rounded-lg bg-blue-50 text-blue-700">
        <Building2 className="size-5" aria-hidden="true" />
      </div>
      <div className="min-w-0 text-sm text-slate-700">
        <p className="font-semibold text-slate-900">{inv.orgName}</p>
        <p className="mt-0.5">
          {inv.invitedBy ? `${inv.invitedBy} invited` : "Invitation for"}{" "}
          <strong className="font-medium">{inv.email}</strong> to join as <RoleBadge role={inv.role} />
        </p>
        {inv.projectCount > 0 && (
          <p className="mt-0.5">With access to {plural(inv.projectCount, "project")}.</p>
        )}
        {inv.status === "pending" && (
          <p className="mt-0.5 text-xs text-slate-600">Valid until {formatDateTime(inv.expiresAt)}.</p>
        )}
      </div>
    </div>
  );
}

function useAcceptAndGo() {
  const router = useRouter();
  const accept = api.auth.acceptInvitation.useMutation();
  const { update } = useAppSession();
  async function go(result: { orgSlug: string }) {
    // Make the new org the current one (re-issues the session token).
    await update({ orgSlug: result.orgSlug }).catch(() => undefined);
    router.replace(`/o/${result.orgSlug}`);
    router.refresh();
  }
  return { accept, go };
}

function AcceptAsSignedIn({ token, inv }: { token: string; inv: Invitation }) {
  const { accept, go } = useAcceptAndGo();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="flex flex-col gap-3">
      <FormError>{error}</FormError>
      <Button
        loading={accept.isPending}
        className="w-full"
        autoFocus
        onClick={async () => {
          setError(null);
          try {
            await go(await accept.mutateAsync({ token }));
          } catch (err) {
            setError(errorInfo(err).message);
          }
        }}
      >
        {accept.isPending ? "Joining…" : `Join ${inv.orgName}`}
      </Button>
    </div>
  );
}

function WrongAccount({ signedInAs, inv }: { signedInAs: string; inv: Invitation }) {
  const [busy, setBusy] = useState(false);
  return (
    <div className="flex flex-col gap-3 text-sm text-slate-700">
      <p role="alert" className="rounded-lg border border-amber-200 bg-amber-50 p-3 text-amber-900">
        You are signed in as <strong className="font-semibold">{signedInAs}</strong>, but this invitation is
        for <strong className="font-semibold">{inv.email}</strong>.
      </p>
      <Button
        variant="secondary"
        loading={busy}
        onClick={() => {
          setBusy(true);
          void signOut({ callbackUrl: window.location.href });
        }}
      >
        Sign out and continue as {inv.email}
      </Button>
    </div>
  );
}

const ZPassword = z.object({ password: z.string().min(1, "Enter your password") });

function SignInThenAccept({ token, inv }: { token: string; inv: Invitation }) {
  const { accept, go } = useAcceptAndGo();
  // Joined: the button stays busy while the org loads.
  const [leaving, setLeaving] = useState(false);
  const app = useAppForm({
    schema: ZPassword,
    defaultValues: { password: "" },
    onSubmit: async ({ password }) => {
      const res = await signIn("credentials", { email: inv.email, password, redirect: false });
      if (!res?.ok || res.error) {
        app.setFormError(signInErrorMessage(res?.error ?? "CredentialsSignin"));
        return;
      }
      // A failure here is shown above the form (useAppForm).
      const joined = await accept.mutateAsync({ token });
      setLeaving(true);
      await go(joined);
    },
  });
  const { form, fieldError } = app;

  return (
    <AppForm app={app} aria-label="Sign in to accept">
      <p className="text-sm text-slate-700">You already have an account. Sign in to accept the invitation.</p>
      <Field label="E-mail">
        <Input name="email" type="email" value={inv.email} readOnly autoComplete="username" />
      </Field>
      <Field label="Password" error={fieldError("password")}>
        <PasswordInput {...form.register("password")} autoComplete="current-password" required autoFocus />
      </Field>
      <Button type="submit" loading={app.submitting || leaving} className="w-full">
        Sign in and join {inv.orgName}
      </Button>
      <Link href="/forgot-password" className={`${linkClasses} text-sm`}>
        Forgot your password?
      </Link>
    </AppForm>
  );
}

/** A name, and a password that meets the rules (as the server checks them). */
const ZNewAccountForm = z.object({
  name: z.string().trim().min(1, "Enter your name"),
  password: z.string().superRefine((password, ctx) => {
    for (const message of passwordProblems(password)) ctx.addIssue({ code: "custom", message });
  }),
});

function CreateAccountAndAccept({ token, inv }: { token: string; inv: Invitation }) {
  const { accept, go } = useAcceptAndGo();
  const [signingIn, setSigningIn] = useState(false);
  const { form, formRef, formError, onSubmit, fieldError } = useAppForm({
    schema: ZNewAccountForm,
    defaultValues: { name: "", password: "" },
    onSubmit: async ({ name, password }) => {
      try {
        const result = await accept.mutateAsync({ token, name, password });
        setSigningIn(true);
        const res = await signIn("credentials", { email: inv.email, password, redirect: false });
        if (!res?.ok || res.error) {
          window.location.assign("/sign-in");
          return;
        }
        await go(result);
      } catch (err) {
        setSigningIn(false);
        throw err;
      }
    },
  });
  const password = useWatch({ control: form.control, name: "password" });

  return (
    <form
      ref={formRef}
      noValidate
      onSubmit={onSubmit}
      aria-label="Create your account"
      aria-busy={accept.isPending || signingIn}
      className="flex flex-col gap-4"
    >
      <p className="text-sm text-slate-700">Create your account to join.</p>
      <FormError>{formError}</FormError>
      <Field label="E-mail" hint="The invitation is for this address.">
        <Input name="email" type="email" value={inv.email} readOnly autoComplete="username" />
      </Field>
      <Field label="Your name" error={fieldError("name")}>
        <Input {...form.register("name")} autoComplete="name" maxLength={200} required autoFocus />
      </Field>
      <NewPasswordFields
        label="Choose a password"
        field={form.register("password")}
        error={fieldError("password")}
        password={password}
      />
      <Button type="submit" loading={accept.isPending || signingIn} className="mt-2 w-full">
        {signingIn ? "Signing you in…" : `Create account and join ${inv.orgName}`}
      </Button>
    </form>
  );
}

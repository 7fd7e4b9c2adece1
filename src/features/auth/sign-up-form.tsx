"use client";

import { signIn } from "next-auth/react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { AppForm } from "@/components/ui/app-form";
import { Button } from "@/components/ui/button";
import { EmailInput, Field, Input } from "@/components/ui/field";
import { useWatch } from "react-hook-form";
import { useAppForm } from "@/lib/use-app-form";
import { ZRegister } from "@/contracts/account";
import { api } from "@/trpc/react";
import { linkClasses } from "./auth-card";
import { NewPasswordFields } from "./password-input";

export function SignUpForm() {
  const router = useRouter();
  const register = api.auth.register.useMutation();
  const [signingIn, setSigningIn] = useState(false);
  const [sent, setSent] = useState<string | null>(null);

  const app = useAppForm({
    schema: ZRegister,
    defaultValues: { name: "", email: "", password: "" },
    onSubmit: async (values) => {
      // The answer is the same whether or not the address already has an account.
      await register.mutateAsync(values);
      setSigningIn(true);
      const res = await signIn("credentials", {
        email: values.email,
        password: values.password,
        redirect: false,
      }).catch(() => null);
      if (res?.ok && !res.error) {
        // Home sends a new account to its own organization.
        router.replace("/");
        router.refresh();
      } else {
        setSigningIn(false);
        setSent(values.email);
      }
    },
  });
  const { form, fieldError } = app;
  const password = useWatch({ control: form.control, name: "password" });

  if (sent) {
    return (
      <div
        role="status"
        className="mt-6 flex flex-col gap-3 rounded-xl border border-slate-200 bg-slate-50 p-4 text-sm text-slate-800"
      >
        <p className="font-semibold text-slate-900">Check your inbox</p>
        <p>
          We sent a message to <strong className="font-semibold">{sent}</strong>. If that address already has
          an account, you can{" "}
          <Link href="/sign-in" className={linkClasses}>
            sign in
          </Link>{" "}
          or{" "}
          <Link href="/forgot-password" className={linkClasses}>
            reset your password
          </Link>
          .
        </p>
      </div>
    );
  }

  const busy = register.isPending || signingIn;
  return (
    <AppForm app={app} busy={busy} aria-label="Create account" className="mt-6">
      <Field label="Your name" error={fieldError("name")}>
        <Input
          {...form.register("name")}
          autoComplete="name"
          maxLength={200}
          required
          data-autofocus
          autoFocus
        />
      </Field>
      <Field label="Work e-mail" error={fieldError("email")}>
        <EmailInput {...form.register("email")} autoComplete="email" maxLength={320} required />
      </Field>
      <NewPasswordFields
        label="Password"
        field={form.register("password")}
        error={fieldError("password")}
        password={password}
      />
      <Button type="submit" loading={busy} className="mt-2 w-full">
        {signingIn ? "Signing you in…" : register.isPending ? "Creating your account…" : "Create account"}
      </Button>
      <p className="text-xs text-slate-600">
        You get your own workspace at once, and can invite your team or join theirs later.
      </p>
    </AppForm>
  );
}

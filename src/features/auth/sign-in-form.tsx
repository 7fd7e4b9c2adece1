"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { z } from "zod";
import { AppForm } from "@/components/ui/app-form";
import { Button } from "@/components/ui/button";
import { EmailInput, Field, Input } from "@/components/ui/field";
import { useAppForm } from "@/lib/use-app-form";
import { signInErrorMessage } from "./sign-in-errors";

const ZSignIn = z.object({
  email: z.string().trim().min(1, "Enter your e-mail address").pipe(z.email("Enter a valid e-mail address")),
  password: z.string().min(1, "Enter your password"),
});

export function SignInForm() {
  const router = useRouter();
  // Signed in: the button stays busy while the app loads.
  const [leaving, setLeaving] = useState(false);

  const app = useAppForm({
    schema: ZSignIn,
    defaultValues: { email: "", password: "" },
    onSubmit: async (values) => {
      let res: Awaited<ReturnType<typeof signIn>>;
      try {
        res = await signIn("credentials", { ...values, redirect: false });
      } catch {
        app.setFormError("Can't reach the server. Check your connection and try again.");
        return;
      }
      if (res?.ok && !res.error) {
        setLeaving(true);
        router.replace("/");
        router.refresh();
        return;
      }
      app.setFormError(signInErrorMessage(res?.error ?? "CredentialsSignin"));
      form.setFocus("password", { shouldSelect: true });
    },
  });
  const { form, fieldError } = app;
  const pending = app.submitting || leaving;

  return (
    <AppForm app={app} aria-label="Sign in" className="mt-6">
      <Field label="E-mail" error={fieldError("email")}>
        <EmailInput {...form.register("email")} autoComplete="username" required data-autofocus />
      </Field>
      <Field label="Password" error={fieldError("password")}>
        <Input {...form.register("password")} type="password" autoComplete="current-password" required />
      </Field>
      <Button type="submit" loading={pending} className="mt-2 w-full">
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </AppForm>
  );
}

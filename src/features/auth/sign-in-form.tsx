"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import { EmailInput, Field, FormError, Input } from "@/components/ui/field";
import { signInErrorMessage } from "./sign-in-errors";

const ZSignIn = z.object({
  email: z.string().trim().min(1, "Enter your e-mail address").pipe(z.email("Enter a valid e-mail address")),
  password: z.string().min(1, "Enter your password"),
});
type Errors = Partial<Record<"email" | "password", string>>;

export function SignInForm() {
  const router = useRouter();
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const fd = new FormData(e.currentTarget);
    const parsed = ZSignIn.safeParse({ email: fd.get("email"), password: fd.get("password") });
    setFormError(null);
    if (!parsed.success) {
      const fe = z.flattenError(parsed.error).fieldErrors;
      const next: Errors = { email: fe.email?.[0], password: fe.password?.[0] };
      setErrors(next);
      (next.email ? emailRef : passwordRef).current?.focus();
      return;
    }
    setErrors({});
    setPending(true);
    try {
      const res = await signIn("credentials", { ...parsed.data, redirect: false });
      if (res?.ok && !res.error) {
        router.replace("/");
        router.refresh();
        return;
      }
      setFormError(signInErrorMessage(res?.error ?? "CredentialsSignin"));
      passwordRef.current?.select();
    } catch {
      setFormError("Can't reach the server. Check your connection and try again.");
    }
    setPending(false);
  }

  return (
    <form noValidate onSubmit={onSubmit} className="mt-6 flex flex-col gap-4" aria-label="Sign in">
      <FormError>{formError}</FormError>
      <Field label="E-mail" error={errors.email}>
        <EmailInput ref={emailRef} name="email" autoComplete="username" required data-autofocus />
      </Field>
      <Field label="Password" error={errors.password}>
        <Input ref={passwordRef} name="password" type="password" autoComplete="current-password" required />
      </Field>
      <Button type="submit" loading={pending} className="mt-2 w-full">
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}

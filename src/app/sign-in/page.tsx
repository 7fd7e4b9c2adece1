import type { Metadata } from "next";
import Link from "next/link";
import { Brand } from "@/features/shell/brand";
import { SignInForm } from "@/features/auth/sign-in-form";
import { SignInExtras } from "@/features/auth/sign-in-extras";
import { externalProviders } from "@/server/auth/config";
import { getLiveAppSession } from "@/server/auth/server-session";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function SignInPage() {
  const session = await getLiveAppSession();
  return (
    <main id="main" className="flex min-h-dvh flex-col items-center justify-center px-4 py-10">
      <div className="w-full max-w-sm">
        <Brand className="mx-auto mb-8 flex w-fit" />
        <div className="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
          <h1 className="text-xl font-semibold tracking-tight text-slate-900">Sign in</h1>
          <p className="mt-1 text-sm text-slate-600">Welcome back. Use your work e-mail and password.</p>
          {session && (
            <p className="mt-4 rounded-lg bg-blue-50 px-3 py-2 text-sm text-blue-900">
              You are signed in as <strong className="font-semibold">{session.user.email}</strong>.{" "}
              <Link href="/" className="font-semibold underline underline-offset-2">
                Continue
              </Link>
            </p>
          )}
          <SignInForm />
          <SignInExtras providers={externalProviders()} />
        </div>
        <p className="mt-6 text-center text-xs text-slate-600">
          braidMgr keeps your project&apos;s Budget, Risks, Actions, Issues and Decisions in one place.
        </p>
      </div>
    </main>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard, linkClasses } from "@/features/auth/auth-card";
import { SignUpForm } from "@/features/auth/sign-up-form";
import { getLiveAppSession } from "@/server/auth/server-session";

export const metadata: Metadata = { title: "Create account" };
export const dynamic = "force-dynamic";

export default async function SignUpPage() {
  if (await getLiveAppSession()) redirect("/");
  return (
    <AuthCard
      title="Create your account"
      description="Keep your project's Budget, Risks, Actions, Issues and Decisions in one place."
      below={
        <>
          Already have an account?{" "}
          <Link href="/sign-in" className={linkClasses}>
            Sign in
          </Link>
        </>
      }
    >
      <SignUpForm />
    </AuthCard>
  );
}

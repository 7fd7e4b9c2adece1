import type { Metadata } from "next";
import { AuthCard } from "@/features/auth/auth-card";
import { VerifyEmail } from "@/features/auth/verify-email";

export const metadata: Metadata = {
  title: "Confirm e-mail",
  robots: { index: false },
  referrer: "no-referrer",
};
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<{ token?: string | string[] }> };

export default async function VerifyEmailPage({ searchParams }: Props) {
  const { token } = await searchParams;
  return (
    <AuthCard title="Confirm your e-mail address">
      <VerifyEmail token={typeof token === "string" ? token : ""} />
    </AuthCard>
  );
}

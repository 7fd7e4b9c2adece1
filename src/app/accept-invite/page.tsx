import type { Metadata } from "next";
import { AuthCard } from "@/features/auth/auth-card";
import { AcceptInvite } from "@/features/auth/accept-invite";

export const metadata: Metadata = {
  title: "Accept invitation",
  robots: { index: false },
  referrer: "no-referrer",
};
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<{ token?: string | string[] }> };

export default async function AcceptInvitePage({ searchParams }: Props) {
  const { token } = await searchParams;
  return (
    <AuthCard title="You're invited">
      <AcceptInvite token={typeof token === "string" ? token : ""} />
    </AuthCard>
  );
}

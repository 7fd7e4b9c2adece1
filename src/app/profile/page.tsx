import type { Metadata } from "next";
import { ProfileView } from "@/features/account/profile-view";
import { PageContainer, PageHeader } from "@/components/page-header";
import { StandalonePage } from "@/components/standalone-page";
import { api, HydrateClient } from "@/trpc/server";
import { requireSession } from "@/app/_lib/guard";

export const metadata: Metadata = { title: "Your profile" };
export const dynamic = "force-dynamic";

export default async function ProfilePage() {
  await requireSession();
  await Promise.all([api.user.profile.prefetch(), api.user.sessions.prefetch()]);
  return (
    <HydrateClient>
      <StandalonePage withNotifications>
        <PageContainer className="max-w-2xl">
          <PageHeader
            title="Your profile"
            description="Your name, e-mail, avatar, password and notifications."
          />
          <div className="mt-6">
            <ProfileView />
          </div>
        </PageContainer>
      </StandalonePage>
    </HydrateClient>
  );
}

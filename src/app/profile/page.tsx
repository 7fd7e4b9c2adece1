import type { Metadata } from "next";
import { ProfileView } from "@/features/account/profile-view";
import { PageContainer, PageHeader } from "@/components/page-header";
import { Brand } from "@/features/shell/brand";
import { UserMenu } from "@/features/shell/user-menu";
import { PaletteProvider } from "@/features/palette/palette-context";
import { HeaderSearch } from "@/features/search/header-search";
import { NotificationBell } from "@/features/shell/notification-bell";
import { api, HydrateClient } from "@/trpc/server";
import { requireSession } from "@/app/_lib/guard";

export const metadata: Metadata = { title: "Your profile" };
export const dynamic = "force-dynamic";

export default async function ProfilePage() {
  await requireSession();
  await Promise.all([api.user.profile.prefetch(), api.user.sessions.prefetch()]);
  return (
    <HydrateClient>
      <PaletteProvider>
        <div className="flex min-h-dvh flex-col">
          <header className="sticky top-0 z-30 border-b border-slate-200 bg-white">
            <div className="flex h-14 items-center gap-2 px-2 sm:px-4">
              <Brand className="px-1" />
              <div className="ml-auto flex items-center">
                <HeaderSearch />
                <NotificationBell />
                <UserMenu />
              </div>
            </div>
          </header>
          <main id="main" className="flex-1">
            <PageContainer className="max-w-2xl">
              <PageHeader
                title="Your profile"
                description="Your name, e-mail, avatar, password and notifications."
              />
              <div className="mt-6">
                <ProfileView />
              </div>
            </PageContainer>
          </main>
        </div>
      </PaletteProvider>
    </HydrateClient>
  );
}

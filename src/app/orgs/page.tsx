import type { Metadata } from "next";
import { OrgsView } from "@/features/orgs/orgs-view";
import { Brand } from "@/features/shell/brand";
import { UserMenu } from "@/features/shell/user-menu";
import { PaletteProvider } from "@/features/palette/palette-context";
import { HeaderSearch } from "@/features/search/header-search";
import { api, HydrateClient } from "@/trpc/server";
import { requireSession } from "@/app/_lib/guard";

export const metadata: Metadata = { title: "Organizations" };
export const dynamic = "force-dynamic";

export default async function OrgsPage() {
  await requireSession();
  await Promise.all([api.org.list.prefetch(), api.user.invitations.prefetch()]);
  return (
    <HydrateClient>
      <PaletteProvider>
        <div className="flex min-h-dvh flex-col">
          <header className="sticky top-0 z-30 border-b border-slate-200 bg-white">
            <div className="flex h-14 items-center gap-2 px-2 sm:px-4">
              <Brand className="px-1" />
              <div className="ml-auto flex items-center">
                <HeaderSearch />
                <UserMenu />
              </div>
            </div>
          </header>
          <main id="main" className="flex-1">
            <OrgsView />
          </main>
        </div>
      </PaletteProvider>
    </HydrateClient>
  );
}

import { Brand } from "@/features/shell/brand";
import { UserMenu } from "@/features/shell/user-menu";
import { NotificationBell } from "@/features/shell/notification-bell";
import { PaletteProvider } from "@/features/palette/palette-context";
import { HeaderSearch } from "@/features/search/header-search";
import { OfflineBanner } from "@/features/shell/offline";
import { OfflineSync } from "@/features/offline/offline-sync";

/**
 * A signed-in page outside any organization (the organization list, the profile): the brand,
 * the command palette's trigger (⌘K works here too) and the user menu in a bar of its own,
 * then the page. Changes made offline are shown and sent from here too, as in the org shell.
 */
export function StandalonePage({
  withNotifications = false,
  children,
}: {
  /** Show the notification bell beside the user menu. */
  withNotifications?: boolean;
  children: React.ReactNode;
}) {
  return (
    <PaletteProvider>
      <div className="flex min-h-dvh flex-col">
        <header className="sticky top-0 z-30 border-b border-slate-200 bg-white">
          <div className="flex h-14 items-center gap-2 px-2 sm:px-4">
            <Brand className="px-1" />
            <div className="ml-auto flex items-center">
              <HeaderSearch />
              {withNotifications ? <NotificationBell /> : null}
              <UserMenu />
            </div>
          </div>
          <OfflineBanner />
          <OfflineSync />
        </header>
        <main id="main" className="flex-1">
          {children}
        </main>
      </div>
    </PaletteProvider>
  );
}

"use client";

import { usePathname, useRouter } from "next/navigation";
import { useEffect } from "react";
import { HeaderSearch } from "@/features/search/header-search";
import { OfflineBanner, ServiceWorkerRegistration } from "./offline";
import { FirstRunTour } from "@/features/help/tour";
import { OfflineSync } from "@/features/offline/offline-sync";

/** "?" opens the Help page (outside text fields and dialogs). */
function HelpShortcut({ orgSlug }: { orgSlug: string }) {
  const router = useRouter();
  const pathname = usePathname();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "?" || e.metaKey || e.ctrlKey || e.altKey) return;
      const t = e.target as HTMLElement | null;
      if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
      if (document.querySelector("dialog[open]")) return;
      e.preventDefault();
      const help = `/o/${orgSlug}/help`;
      if (pathname !== help) router.push(help);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [router, pathname, orgSlug]);
  return null;
}

/** Header search (opens the ⌘K palette), shortcuts, first-run tour, offline banner and service worker — mounted once in the header. */
export function ShellExtras({ orgSlug }: { orgSlug: string }) {
  return (
    <>
      <HeaderSearch />
      <HelpShortcut orgSlug={orgSlug} />
      <FirstRunTour orgSlug={orgSlug} />
      <OfflineBanner />
      <OfflineSync />
      <ServiceWorkerRegistration />
    </>
  );
}

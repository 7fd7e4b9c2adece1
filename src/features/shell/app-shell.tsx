"use client";

import { Menu } from "lucide-react";
import { useParams, usePathname, useRouter, useSearchParams } from "next/navigation";
import { Suspense, useCallback, useState } from "react";
import { ProjectAssistant } from "@/features/assistant/project-assistant";
import { InvitationsBanner } from "@/features/orgs/my-invitations";
import { PaletteProvider } from "@/features/palette/palette-context";
import { ShellExtras } from "./shell-extras";
import { Dialog } from "@/components/ui/dialog";
import { cn } from "@/lib/cn";
import { useLiveProject } from "@/trpc/live";
import { Brand } from "./brand";
import { NavigationProgress } from "./navigation-progress";
import { SidebarNav } from "./sidebar-nav";
import { OrgSwitcher, ProjectSwitcher } from "./switchers";
import { useMounted } from "./use-mounted";
import { UserMenu } from "./user-menu";
import { NotificationBell } from "./notification-bell";

/** Keeps every page of an open project current while others change it. */
function LiveProject({ orgSlug, projectId }: { orgSlug: string; projectId: string }) {
  useLiveProject(orgSlug, projectId);
  return null;
}

/** The AI assistant (button, drawer; Ask AI in the ⌘K palette) on every project page; `#N` opens the item editor. */
function Assistant({ orgSlug, projectId }: { orgSlug: string; projectId: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const onOpenItem = useCallback(
    (itemNum: number) => {
      const itemsPath = `/o/${orgSlug}/p/${projectId}`;
      // On the items view keep its filters; elsewhere go to the items view.
      const sp = new URLSearchParams(pathname === itemsPath ? searchParams : undefined);
      sp.set("item", String(itemNum));
      router.push(`${itemsPath}?${sp}`, { scroll: false });
    },
    [router, pathname, searchParams, orgSlug, projectId],
  );
  return <ProjectAssistant orgSlug={orgSlug} projectId={projectId} onOpenItem={onOpenItem} />;
}

/** Header + sidebar for everything under /o/[orgSlug]. On phones the sidebar is a drawer. */
export function AppShell({ orgSlug, children }: { orgSlug: string; children: React.ReactNode }) {
  const params = useParams<{ projectId?: string }>();
  const projectId = typeof params.projectId === "string" ? params.projectId : undefined;
  const [drawer, setDrawer] = useState(false);
  // The assistant mounts after hydration (it needs the browser), and it observes no page query while
  // its drawer is closed: a query it created early would sit empty in the cache when the page's
  // HydrationBoundary arrives, and the page would hydrate a skeleton against server HTML with data.
  const mounted = useMounted();

  return (
    <PaletteProvider orgSlug={orgSlug} projectId={projectId}>
      <div className="flex min-h-dvh flex-col">
        <NavigationProgress />
        {projectId && <LiveProject key={projectId} orgSlug={orgSlug} projectId={projectId} />}
        <header className="sticky top-0 z-30 border-b border-slate-200 bg-white/95 backdrop-blur supports-[backdrop-filter]:bg-white/85">
          <div className="flex h-14 items-center gap-1 px-2 sm:gap-2 sm:px-4">
            <button
              type="button"
              onClick={() => setDrawer(true)}
              aria-haspopup="dialog"
              className="inline-flex size-11 items-center justify-center rounded-lg text-slate-700 hover:bg-slate-100 lg:hidden"
            >
              <Menu className="size-5" aria-hidden="true" />
              <span className="sr-only">Open navigation</span>
            </button>
            <Brand href={`/o/${orgSlug}`} compact className="px-1" />
            <span aria-hidden="true" className="text-slate-300 max-sm:hidden">
              /
            </span>
            <div className="min-w-0 max-sm:flex-1">
              <OrgSwitcher orgSlug={orgSlug} />
            </div>
            {projectId && (
              <>
                <span aria-hidden="true" className="text-slate-300 max-md:hidden">
                  /
                </span>
                <div className="min-w-0 max-md:hidden">
                  <ProjectSwitcher orgSlug={orgSlug} projectId={projectId} />
                </div>
              </>
            )}
            <div className="ml-auto flex items-center">
              <ShellExtras orgSlug={orgSlug} />
              <NotificationBell />
              <UserMenu />
            </div>
          </div>
        </header>

        <div className="flex flex-1">
          <aside className="hidden w-60 shrink-0 border-r border-slate-200 bg-white lg:block">
            <div className="sticky top-14 max-h-[calc(100dvh-3.5rem)] overflow-y-auto">
              <SidebarNav orgSlug={orgSlug} projectId={projectId} />
            </div>
          </aside>
          <main
            id="main"
            tabIndex={-1}
            className={cn("min-w-0 flex-1 focus:outline-none", projectId && "pb-20")}
          >
            <InvitationsBanner />
            {children}
          </main>
        </div>

        {projectId && mounted && (
          <Suspense fallback={null}>
            <Assistant key={projectId} orgSlug={orgSlug} projectId={projectId} />
          </Suspense>
        )}

        <Dialog open={drawer} onClose={() => setDrawer(false)} side="left" title="braidMgr">
          <div className="-mx-4 -my-4">
            <SidebarNav orgSlug={orgSlug} projectId={projectId} onNavigate={() => setDrawer(false)} />
          </div>
        </Dialog>
      </div>
    </PaletteProvider>
  );
}

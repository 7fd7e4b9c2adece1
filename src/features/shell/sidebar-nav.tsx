"use client";

import {
  CalendarRange,
  FolderKanban,
  GanttChart,
  LayoutDashboard,
  List,
  ListTodo,
  type LucideIcon,
  Settings,
  ShieldAlert,
  UserRound,
  Users,
  Wallet,
} from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useMoreOrgLinks } from "./nav-links";
import { Skeleton } from "@/components/ui/skeleton";
import { cn } from "@/lib/cn";
import { api } from "@/trpc/react";

type NavLink = { href: string; label: string; icon: LucideIcon };

const linkClasses = (active: boolean) =>
  cn(
    "flex min-h-11 items-center gap-2.5 rounded-lg px-3 text-sm font-medium sm:min-h-9",
    active ? "bg-blue-50 text-blue-800" : "text-slate-700 hover:bg-slate-100 hover:text-slate-900",
  );

/** The views that exist for the current org / project. */
export function SidebarNav({
  orgSlug,
  projectId,
  onNavigate,
}: {
  orgSlug: string;
  projectId?: string;
  onNavigate?: () => void;
}) {
  const pathname = usePathname();
  const projects = api.project.list.useQuery({ orgSlug });
  const project = projects.data?.find((p) => p.id === projectId);
  const orgHome = `/o/${orgSlug}`;
  const projectHome = projectId ? `/o/${orgSlug}/p/${projectId}` : null;

  const orgLinks: NavLink[] = [
    { href: orgHome, label: "Projects", icon: FolderKanban },
    { href: `${orgHome}/settings/members`, label: "Members", icon: Users },
    ...useMoreOrgLinks(orgSlug), // Search, Portfolios, Audit log, Help
  ];
  const projectLinks: NavLink[] = projectHome
    ? [
        { href: `${projectHome}/dashboard`, label: "Dashboard", icon: LayoutDashboard },
        { href: projectHome, label: "All items", icon: List },
        { href: `${projectHome}/active`, label: "Active", icon: ListTodo },
        { href: `${projectHome}/risks`, label: "Risks", icon: ShieldAlert },
        { href: `${projectHome}/timeline`, label: "Timeline", icon: GanttChart },
        { href: `${projectHome}/chronology`, label: "Chronology", icon: CalendarRange },
        { href: `${projectHome}/budget`, label: "Budget", icon: Wallet },
        { href: `${projectHome}/members`, label: "Team", icon: UserRound },
        { href: `${projectHome}/settings`, label: "Settings", icon: Settings },
      ]
    : [];

  const renderLink = ({ href, label, icon: Icon }: NavLink) => {
    const active = pathname === href;
    return (
      <Link
        key={href}
        href={href}
        onClick={onNavigate}
        aria-current={active ? "page" : undefined}
        className={linkClasses(active)}
      >
        <Icon className="size-4.5 shrink-0" aria-hidden="true" />
        {label}
      </Link>
    );
  };

  return (
    <nav aria-label="Main" className="flex flex-col gap-6 p-3">
      <div className="flex flex-col gap-0.5">{orgLinks.map(renderLink)}</div>

      {projectId && (
        <div className="flex flex-col gap-0.5">
          <div className="truncate px-3 pb-1 text-xs font-semibold tracking-wide text-slate-600 uppercase">
            {project?.name ?? (projects.isPending ? <Skeleton className="h-3 w-28" /> : "Project")}
          </div>
          {projectLinks.map(renderLink)}
        </div>
      )}

      {(projects.data?.length ?? 0) > 0 && (
        <div className="flex flex-col gap-0.5">
          <p className="px-3 pb-1 text-xs font-semibold tracking-wide text-slate-600 uppercase">
            Your projects
          </p>
          {projects.data!.slice(0, 12).map((p) => {
            const href = `/o/${orgSlug}/p/${p.id}/dashboard`;
            const active = p.id === projectId;
            return (
              <Link
                key={p.id}
                href={href}
                onClick={onNavigate}
                aria-current={active ? "true" : undefined}
                className={cn(linkClasses(false), active && "font-semibold text-slate-900")}
              >
                <span
                  aria-hidden="true"
                  className={cn("size-2 shrink-0 rounded-full", active ? "bg-blue-700" : "bg-slate-400")}
                />
                <span className="truncate">{p.name}</span>
              </Link>
            );
          })}
        </div>
      )}
    </nav>
  );
}

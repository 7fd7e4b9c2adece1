"use client";

import { Check, ChevronsUpDown, FolderKanban, type LucideIcon, Plus } from "lucide-react";
import Link from "next/link";
import { Popover, popoverItemClasses } from "@/components/ui/popover";
import { Skeleton } from "@/components/ui/skeleton";
import { cn } from "@/lib/cn";
import { ROLE_LABEL } from "@/lib/format";
import { useAppSession } from "@/lib/use-app-session";
import { api } from "@/trpc/react";

const triggerClasses =
  "inline-flex min-h-11 max-w-full items-center gap-1.5 rounded-lg px-2 text-sm font-semibold text-slate-900 hover:bg-slate-100 sm:min-h-9";

export function OrgSwitcher({ orgSlug }: { orgSlug: string }) {
  const orgs = api.org.list.useQuery();
  const { orgSlug: sessionOrg, update } = useAppSession();
  const current = orgs.data?.find((o) => o.slug === orgSlug);
  if (orgs.isPending) return <Skeleton className="h-6 w-32" />;
  return (
    <SwitcherMenu
      heading="Organizations"
      triggerLabel={`Organization: ${current?.name ?? orgSlug}. Switch organization`}
      triggerClassName={triggerClasses}
      trigger={<span className="truncate">{current?.name ?? orgSlug}</span>}
      panelClassName="w-72"
      items={orgs.data ?? []}
      isCurrent={(o) => o.slug === orgSlug}
      href={(o) => `/o/${o.slug}`}
      onPick={(o) => {
        // Remember the choice so "/" opens this organization next time.
        if (o.slug !== sessionOrg) void update({ orgSlug: o.slug });
      }}
      item={(o) => (
        <>
          <span className="flex size-6 shrink-0 items-center justify-center rounded-md bg-slate-800 text-xs font-semibold text-white">
            {o.name.slice(0, 1).toUpperCase()}
          </span>
          <span className="min-w-0 flex-1">
            <span className="block truncate font-medium">{o.name}</span>
            <span className="block text-xs text-slate-600">{ROLE_LABEL[o.role]}</span>
          </span>
        </>
      )}
      footer={{ href: "/orgs", icon: Plus, label: "All organizations / new" }}
    />
  );
}

export function ProjectSwitcher({ orgSlug, projectId }: { orgSlug: string; projectId: string }) {
  const projects = api.project.list.useQuery({ orgSlug });
  const current = projects.data?.find((p) => p.id === projectId);
  if (projects.isPending) return <Skeleton className="h-6 w-40" />;
  return (
    <SwitcherMenu
      heading="Projects"
      triggerLabel={`Project: ${current?.name ?? "project"}. Switch project`}
      triggerClassName={cn(triggerClasses, "font-medium")}
      trigger={
        <>
          <FolderKanban className="size-4 shrink-0 text-slate-500" aria-hidden="true" />
          <span className="truncate">{current?.name ?? "Project"}</span>
        </>
      }
      panelClassName="w-80"
      navClassName="max-h-96 overflow-y-auto"
      items={projects.data ?? []}
      isCurrent={(p) => p.id === projectId}
      href={(p) => `/o/${orgSlug}/p/${p.id}/dashboard`}
      item={(p) => (
        <span className="min-w-0 flex-1">
          <span className="block truncate font-medium">{p.name}</span>
          {p.clientName && <span className="block truncate text-xs text-slate-600">{p.clientName}</span>}
        </span>
      )}
      footer={{ href: `/o/${orgSlug}`, icon: FolderKanban, label: "All projects" }}
    />
  );
}

/**
 * The shell's switcher: a trigger (`trigger`, then the up-down chevrons) that opens a list of places under
 * `heading`, the current one ticked (and aria-current), and a last link to all of them (`footer`).
 */
function SwitcherMenu<T extends { id: string }>({
  heading,
  triggerLabel,
  triggerClassName,
  trigger,
  panelClassName,
  navClassName,
  items,
  isCurrent,
  href,
  onPick,
  item,
  footer,
}: {
  heading: string;
  triggerLabel: string;
  triggerClassName: string;
  trigger: React.ReactNode;
  panelClassName: string;
  navClassName?: string;
  items: T[];
  isCurrent: (item: T) => boolean;
  href: (item: T) => string;
  /** Besides closing the menu, when a place is picked. */
  onPick?: (item: T) => void;
  /** A place's content in the list. */
  item: (item: T) => React.ReactNode;
  footer: { href: string; icon: LucideIcon; label: string };
}) {
  const FooterIcon = footer.icon;
  return (
    <Popover
      triggerLabel={triggerLabel}
      triggerClassName={triggerClassName}
      trigger={
        <>
          {trigger}
          <ChevronsUpDown className="size-4 shrink-0 text-slate-500" aria-hidden="true" />
        </>
      }
      panelClassName={panelClassName}
    >
      {(close) => (
        <nav aria-label={heading} className={cn("flex flex-col", navClassName)}>
          <p className="px-2.5 pt-1 pb-1.5 text-xs font-semibold tracking-wide text-slate-600 uppercase">
            {heading}
          </p>
          {items.map((it) => (
            <Link
              key={it.id}
              href={href(it)}
              aria-current={isCurrent(it) ? "page" : undefined}
              onClick={() => {
                close();
                onPick?.(it);
              }}
              className={popoverItemClasses}
            >
              {item(it)}
              {isCurrent(it) && <Check className="size-4 text-blue-700" aria-hidden="true" />}
            </Link>
          ))}
          <div className="mt-1.5 border-t border-slate-100 pt-1.5">
            <Link href={footer.href} onClick={close} className={popoverItemClasses}>
              <FooterIcon className="size-4 text-slate-600" aria-hidden="true" />
              {footer.label}
            </Link>
          </div>
        </nav>
      )}
    </Popover>
  );
}

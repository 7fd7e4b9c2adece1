"use client";

import { Check, ChevronsUpDown, FolderKanban, Plus } from "lucide-react";
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
    <Popover
      triggerLabel={`Organization: ${current?.name ?? orgSlug}. Switch organization`}
      triggerClassName={triggerClasses}
      trigger={
        <>
          <span className="truncate">{current?.name ?? orgSlug}</span>
          <ChevronsUpDown className="size-4 shrink-0 text-slate-500" aria-hidden="true" />
        </>
      }
      panelClassName="w-72"
    >
      {(close) => (
        <nav aria-label="Organizations" className="flex flex-col">
          <p className="px-2.5 pt-1 pb-1.5 text-xs font-semibold tracking-wide text-slate-600 uppercase">
            Organizations
          </p>
          {orgs.data?.map((o) => (
            <Link
              key={o.id}
              href={`/o/${o.slug}`}
              aria-current={o.slug === orgSlug ? "page" : undefined}
              onClick={() => {
                close();
                // Remember the choice so "/" opens this organization next time.
                if (o.slug !== sessionOrg) void update({ orgSlug: o.slug });
              }}
              className={popoverItemClasses}
            >
              <span className="flex size-6 shrink-0 items-center justify-center rounded-md bg-slate-800 text-xs font-semibold text-white">
                {o.name.slice(0, 1).toUpperCase()}
              </span>
              <span className="min-w-0 flex-1">
                <span className="block truncate font-medium">{o.name}</span>
                <span className="block text-xs text-slate-600">{ROLE_LABEL[o.role]}</span>
              </span>
              {o.slug === orgSlug && <Check className="size-4 text-blue-700" aria-hidden="true" />}
            </Link>
          ))}
          <div className="mt-1.5 border-t border-slate-100 pt-1.5">
            <Link href="/orgs" onClick={close} className={popoverItemClasses}>
              <Plus className="size-4 text-slate-600" aria-hidden="true" />
              All organizations / new
            </Link>
          </div>
        </nav>
      )}
    </Popover>
  );
}

export function ProjectSwitcher({ orgSlug, projectId }: { orgSlug: string; projectId: string }) {
  const projects = api.project.list.useQuery({ orgSlug });
  const current = projects.data?.find((p) => p.id === projectId);
  if (projects.isPending) return <Skeleton className="h-6 w-40" />;
  return (
    <Popover
      triggerLabel={`Project: ${current?.name ?? "project"}. Switch project`}
      triggerClassName={cn(triggerClasses, "font-medium")}
      trigger={
        <>
          <FolderKanban className="size-4 shrink-0 text-slate-500" aria-hidden="true" />
          <span className="truncate">{current?.name ?? "Project"}</span>
          <ChevronsUpDown className="size-4 shrink-0 text-slate-500" aria-hidden="true" />
        </>
      }
      panelClassName="w-80"
    >
      {(close) => (
        <nav aria-label="Projects" className="flex max-h-96 flex-col overflow-y-auto">
          <p className="px-2.5 pt-1 pb-1.5 text-xs font-semibold tracking-wide text-slate-600 uppercase">
            Projects
          </p>
          {projects.data?.map((p) => (
            <Link
              key={p.id}
              href={`/o/${orgSlug}/p/${p.id}/dashboard`}
              aria-current={p.id === projectId ? "page" : undefined}
              onClick={close}
              className={popoverItemClasses}
            >
              <span className="min-w-0 flex-1">
                <span className="block truncate font-medium">{p.name}</span>
                {p.clientName && (
                  <span className="block truncate text-xs text-slate-600">{p.clientName}</span>
                )}
              </span>
              {p.id === projectId && <Check className="size-4 text-blue-700" aria-hidden="true" />}
            </Link>
          ))}
          <div className="mt-1.5 border-t border-slate-100 pt-1.5">
            <Link href={`/o/${orgSlug}`} onClick={close} className={popoverItemClasses}>
              <FolderKanban className="size-4 text-slate-600" aria-hidden="true" />
              All projects
            </Link>
          </div>
        </nav>
      )}
    </Popover>
  );
}

"use client";

import { CalendarRange, FileUp, FolderKanban, Layers, ListChecks, Plus } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { PageContainer, PageHeader } from "@/components/page-header";
import { RoleBadge } from "@/components/ui/badges";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { canOrg, type OrgRole } from "@/domain/permissions";
import { formatDateRange, plural } from "@/lib/format";
import { api } from "@/trpc/react";
import { ImportDialog } from "./import-dialog";
import { NewProjectDialog } from "./new-project-dialog";

export function ProjectList({
  orgSlug,
  orgName,
  orgRole,
}: {
  orgSlug: string;
  orgName: string;
  orgRole: OrgRole;
}) {
  // Prefetched by the page (the org's loading.tsx and error.tsx stand in otherwise).
  const [projects] = api.project.list.useSuspenseQuery({ orgSlug });
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const mayCreate = canOrg(orgRole, "org.createProject");
  const seesAll = orgRole === "owner" || orgRole === "admin";

  const newButton = mayCreate && (
    <Button icon={Plus} onClick={() => setCreating(true)}>
      New project
    </Button>
  );

  return (
    <PageContainer>
      <PageHeader
        title="Projects"
        description={
          <>
            {orgName}
            {projects.length > 0 && <> · {plural(projects.length, "project")}</>}
          </>
        }
        actions={
          mayCreate && (
            <>
              {/* Hidden while its dialog is open, so the dialog's own "Import" is the only one. */}
              <Button
                icon={FileUp}
                variant="secondary"
                onClick={() => setImporting(true)}
                className={importing ? "invisible" : undefined}
              >
                Import
              </Button>
              {newButton}
            </>
          )
        }
      />

      <div className="mt-6">
        {projects.length === 0 ? (
          <EmptyState
            icon={FolderKanban}
            title={seesAll ? "Create your first project" : "No projects for you yet"}
            action={newButton}
          >
            {seesAll ? (
              <p>
                A project holds one BRAID log — its budget, risks, action items, issues, decisions,
                deliverables and plan items. Create one, add a few workstreams, then start logging items.
              </p>
            ) : (
              <p>
                You see the projects you hold a role on. Ask a project admin to add you, or start a project of
                your own.
              </p>
            )}
          </EmptyState>
        ) : (
          <ul className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3">
            {projects.map((p) => (
              <li key={p.id}>
                <Link
                  href={`/o/${orgSlug}/p/${p.id}/dashboard`}
                  className="group flex h-full flex-col rounded-xl border border-slate-200 bg-white p-5 shadow-sm transition hover:border-blue-300 hover:shadow-md focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
                >
                  <div className="flex items-start justify-between gap-3">
                    <div className="min-w-0">
                      <h2 className="text-base font-semibold break-words text-slate-900 group-hover:text-blue-800">
                        {p.name}
                      </h2>
                      <p className="mt-0.5 truncate text-sm text-slate-600">
                        {p.clientName || "No client set"}
                      </p>
                    </div>
                    <RoleBadge role={p.role} />
                  </div>
                  <dl className="mt-5 flex flex-wrap gap-x-5 gap-y-2 text-sm text-slate-700">
                    <div className="flex items-center gap-1.5">
                      <dt>
                        <ListChecks className="size-4 text-slate-500" aria-hidden="true" />
                        <span className="sr-only">Items</span>
                      </dt>
                      <dd className="font-medium">{plural(p.itemCount, "item")}</dd>
                    </div>
                    <div className="flex items-center gap-1.5">
                      <dt>
                        <Layers className="size-4 text-slate-500" aria-hidden="true" />
                        <span className="sr-only">Workstreams</span>
                      </dt>
                      <dd>{plural(p.workstreams.length, "workstream")}</dd>
                    </div>
                    {(p.projectStart || p.projectEnd) && (
                      <div className="flex items-center gap-1.5">
                        <dt>
                          <CalendarRange className="size-4 text-slate-500" aria-hidden="true" />
                          <span className="sr-only">Dates</span>
                        </dt>
                        <dd>{formatDateRange(p.projectStart, p.projectEnd)}</dd>
                      </div>
                    )}
                  </dl>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </div>

      <NewProjectDialog orgSlug={orgSlug} open={creating} onClose={() => setCreating(false)} />
      <ImportDialog orgSlug={orgSlug} open={importing} onClose={() => setImporting(false)} />
    </PageContainer>
  );
}

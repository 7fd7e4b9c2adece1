"use client";

import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { api } from "@/trpc/react";

/** Title row of a project view: breadcrumb (Projects / project), heading, description, actions. */
export function ViewHeader({
  orgSlug,
  projectId,
  title,
  description,
  actions,
}: {
  orgSlug: string;
  projectId: string;
  title: string;
  description?: React.ReactNode;
  actions?: React.ReactNode;
}) {
  // In the cache from the project layout's prefetch.
  const [project] = api.project.get.useSuspenseQuery({ orgSlug, projectId });
  return (
    <PageHeader
      eyebrow={
        <ProjectBreadcrumb
          orgSlug={orgSlug}
          projectName={project.name}
          projectHref={`/o/${orgSlug}/p/${projectId}/dashboard`}
        />
      }
      title={title}
      description={description}
      actions={actions}
    />
  );
}

/** "Projects / <project>": the project is a link to `projectHref`, or plain text on its own page. */
export function ProjectBreadcrumb({
  orgSlug,
  projectName,
  projectHref,
}: {
  orgSlug: string;
  projectName: string;
  projectHref?: string;
}) {
  const name = projectName;
  return (
    <nav aria-label="Breadcrumb">
      <ol className="flex min-w-0 flex-wrap items-center gap-1.5">
        <li>
          <Link href={`/o/${orgSlug}`} className="rounded hover:text-slate-900 hover:underline">
            Projects
          </Link>
        </li>
        <li aria-hidden="true">/</li>
        {projectHref ? (
          <li className="min-w-0 truncate">
            <Link href={projectHref} className="rounded hover:text-slate-900 hover:underline">
              {name}
            </Link>
          </li>
        ) : (
          <li className="min-w-0 truncate font-medium text-slate-800">{name}</li>
        )}
      </ol>
    </nav>
  );
}

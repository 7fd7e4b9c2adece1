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
        <nav aria-label="Breadcrumb">
          <ol className="flex min-w-0 flex-wrap items-center gap-1.5">
            <li>
              <Link href={`/o/${orgSlug}`} className="rounded hover:text-slate-900 hover:underline">
                Projects
              </Link>
            </li>
            <li aria-hidden="true">/</li>
            <li className="min-w-0 truncate">
              <Link
                href={`/o/${orgSlug}/p/${projectId}/dashboard`}
                className="rounded hover:text-slate-900 hover:underline"
              >
                {project.name}
              </Link>
            </li>
          </ol>
        </nav>
      }
      title={title}
      description={description}
      actions={actions}
    />
  );
}

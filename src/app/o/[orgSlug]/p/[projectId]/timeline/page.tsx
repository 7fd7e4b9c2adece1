import type { Metadata } from "next";
import { TimelineView } from "@/features/timeline/timeline-view";
import { api, HydrateClient } from "@/trpc/server";
import { loadProject } from "@/app/_lib/guard";

type Props = { params: Promise<{ orgSlug: string; projectId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { orgSlug, projectId } = await params;
  const project = await loadProject(orgSlug, projectId);
  return { title: `Timeline · ${project.name}` };
}

export default async function ProjectTimelinePage({ params }: Props) {
  const { orgSlug, projectId } = await params;
  await loadProject(orgSlug, projectId);
  // Awaited so the first paint has the chart (a pending prefetch would hydrate differently).
  await Promise.all([
    api.project.get.prefetch({ orgSlug, projectId }),
    api.project.export.prefetch({ orgSlug, projectId, format: "json" }),
  ]);
  return (
    <HydrateClient>
      <TimelineView orgSlug={orgSlug} projectId={projectId} />
    </HydrateClient>
  );
}

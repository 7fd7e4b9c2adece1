import { TimelineView } from "@/features/timeline/timeline-view";
import { api, HydrateClient } from "@/trpc/server";
import { loadProject, projectPageMetadata } from "@/app/_lib/guard";
import { baselineIdOf } from "@/features/timeline/schedule";

type Props = {
  params: Promise<{ orgSlug: string; projectId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export const generateMetadata = projectPageMetadata("Timeline");

export default async function ProjectTimelinePage({ params, searchParams }: Props) {
  const { orgSlug, projectId } = await params;
  const compare = (await searchParams).compare;
  const baselineId = baselineIdOf(typeof compare === "string" ? compare : null);
  await loadProject(orgSlug, projectId);
  // Awaited so the first paint has the chart (a pending prefetch would hydrate differently). The
  // critical path is cheap (one linear pass) and every bar's hover card shows its slack; the
  // baseline list fills "Compare with", and a compared baseline's snapshot draws the ghost bars.
  await Promise.all([
    api.project.get.prefetch({ orgSlug, projectId }),
    api.project.export.prefetch({ orgSlug, projectId, format: "json" }),
    api.project.criticalPath.prefetch({ orgSlug, projectId }),
    api.baseline.list.prefetch({ orgSlug, projectId }),
    ...(baselineId ? [api.baseline.get.prefetch({ orgSlug, projectId, baselineId })] : []),
  ]);
  return (
    <HydrateClient>
      <TimelineView orgSlug={orgSlug} projectId={projectId} />
    </HydrateClient>
  );
}

import type { Metadata } from "next";
import { TimelineView } from "@/features/timeline/timeline-view";
import { api, HydrateClient } from "@/trpc/server";
import { loadTimelineParams } from "@/features/timeline/timeline-params";

type Props = {
  params: Promise<{ orgSlug: string; projectId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export const metadata: Metadata = { title: "Timeline" };

export default async function ProjectTimelinePage({ params, searchParams }: Props) {
  const { orgSlug, projectId } = await params;
  const { compare: baselineId } = loadTimelineParams(await searchParams);
  // Awaited so the first paint has the chart (a pending prefetch would hydrate differently). The
  // critical path is cheap (one linear pass) and every bar's hover card shows its slack; the
  // baseline list fills "Compare with", and a compared baseline's snapshot draws the ghost bars.
  await Promise.all([
    api.project.timeline.prefetch({ orgSlug, projectId }),
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

import { ChronologyView } from "@/features/chronology/chronology-view";
import { CHRONOLOGY_QUERY } from "@/features/items/view-meta";
import { today } from "@/server/clock";
import { api, HydrateClient } from "@/trpc/server";
import { loadProject, projectPageMetadata } from "@/app/_lib/guard";

type Props = { params: Promise<{ orgSlug: string; projectId: string }> };

export const generateMetadata = projectPageMetadata("Chronology");

export default async function ProjectChronologyPage({ params }: Props) {
  const { orgSlug, projectId } = await params;
  await loadProject(orgSlug, projectId);
  // Awaited so the first paint has the months (and matches the client on hydration).
  await Promise.all([
    api.project.get.prefetch({ orgSlug, projectId }),
    api.item.list.prefetch({ orgSlug, projectId, ...CHRONOLOGY_QUERY }),
  ]);
  return (
    <HydrateClient>
      <ChronologyView orgSlug={orgSlug} projectId={projectId} today={today()} />
    </HydrateClient>
  );
}

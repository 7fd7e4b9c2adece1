import { ActiveView } from "@/features/active/active-view";
import { ACTIVE_QUERY } from "@/features/items/view-meta";
import { today } from "@/server/clock";
import { api, HydrateClient } from "@/trpc/server";
import { loadProject, projectPageMetadata } from "@/app/_lib/guard";

type Props = { params: Promise<{ orgSlug: string; projectId: string }> };

export const generateMetadata = projectPageMetadata("Active items");

export default async function ProjectActivePage({ params }: Props) {
  const { orgSlug, projectId } = await params;
  await loadProject(orgSlug, projectId);
  // The same input as ActiveView's query, so the first paint has the groups.
  await Promise.all([
    api.project.get.prefetch({ orgSlug, projectId }),
    api.item.list.prefetch({ orgSlug, projectId, ...ACTIVE_QUERY }),
  ]);
  return (
    <HydrateClient>
      <ActiveView orgSlug={orgSlug} projectId={projectId} today={today()} />
    </HydrateClient>
  );
}

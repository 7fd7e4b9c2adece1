import type { Metadata } from "next";
import { ActiveView } from "@/features/active/active-view";
import { ACTIVE_QUERY } from "@/features/items/view-meta";
import { today } from "@/server/clock";
import { api, HydrateClient } from "@/trpc/server";

type Props = { params: Promise<{ orgSlug: string; projectId: string }> };

export const metadata: Metadata = { title: "Active items" };

export default async function ProjectActivePage({ params }: Props) {
  const { orgSlug, projectId } = await params;
  // The same input as ActiveView's query, so the first paint has the groups.
  await Promise.all([api.item.list.prefetch({ orgSlug, projectId, ...ACTIVE_QUERY })]);
  return (
    <HydrateClient>
      <ActiveView orgSlug={orgSlug} projectId={projectId} today={today()} />
    </HydrateClient>
  );
}

import type { Metadata } from "next";
import { ChronologyView } from "@/features/chronology/chronology-view";
import { CHRONOLOGY_QUERY } from "@/features/items/view-meta";
import { today } from "@/server/clock";
import { api, HydrateClient } from "@/trpc/server";

type Props = { params: Promise<{ orgSlug: string; projectId: string }> };

export const metadata: Metadata = { title: "Chronology" };

export default async function ProjectChronologyPage({ params }: Props) {
  const { orgSlug, projectId } = await params;
  // Awaited so the first paint has the months (and matches the client on hydration).
  await Promise.all([api.item.list.prefetch({ orgSlug, projectId, ...CHRONOLOGY_QUERY })]);
  return (
    <HydrateClient>
      <ChronologyView orgSlug={orgSlug} projectId={projectId} today={today()} />
    </HydrateClient>
  );
}

import type { Metadata } from "next";
import { RisksView } from "@/features/risks/risks-view";
import { api, HydrateClient } from "@/trpc/server";

type Props = { params: Promise<{ orgSlug: string; projectId: string }> };

export const metadata: Metadata = { title: "Risks" };

export default async function ProjectRisksPage({ params }: Props) {
  const { orgSlug, projectId } = await params;
  // Awaited so the first paint has the register (no skeleton flash, no hydration mismatch).
  // Filters and sort are applied on the client to this one query, so the URL does not change its key.
  await Promise.all([api.project.riskRegister.prefetch({ orgSlug, projectId })]);
  return (
    <HydrateClient>
      <RisksView orgSlug={orgSlug} projectId={projectId} />
    </HydrateClient>
  );
}

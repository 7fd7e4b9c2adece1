import { RisksView } from "@/features/risks/risks-view";
import { api, HydrateClient } from "@/trpc/server";
import { loadProject, projectPageMetadata } from "@/app/_lib/guard";

type Props = { params: Promise<{ orgSlug: string; projectId: string }> };

export const generateMetadata = projectPageMetadata("Risks");

export default async function ProjectRisksPage({ params }: Props) {
  const { orgSlug, projectId } = await params;
  await loadProject(orgSlug, projectId);
  // Awaited so the first paint has the register (no skeleton flash, no hydration mismatch).
  // Filters and sort are applied on the client to this one query, so the URL does not change its key.
  await Promise.all([
    api.project.get.prefetch({ orgSlug, projectId }),
    api.project.riskRegister.prefetch({ orgSlug, projectId }),
  ]);
  return (
    <HydrateClient>
      <RisksView orgSlug={orgSlug} projectId={projectId} />
    </HydrateClient>
  );
}

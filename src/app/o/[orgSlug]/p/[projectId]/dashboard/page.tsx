import { DashboardView } from "@/features/dashboard/dashboard-view";
import { api, HydrateClient } from "@/trpc/server";
import { loadProject, projectPageMetadata } from "@/app/_lib/guard";

type Props = { params: Promise<{ orgSlug: string; projectId: string }> };

export const generateMetadata = projectPageMetadata("Dashboard");

export default async function ProjectDashboardPage({ params }: Props) {
  const { orgSlug, projectId } = await params;
  await loadProject(orgSlug, projectId);
  // Awaited so the first paint already has the numbers (no skeleton flash, no hydration mismatch).
  await Promise.all([
    api.project.get.prefetch({ orgSlug, projectId }),
    api.project.dashboard.prefetch({ orgSlug, projectId }),
    // The exposure and forecast cards; the same inputs as DashboardView's queries.
    api.project.riskRegister.prefetch({ orgSlug, projectId }),
    api.project.forecast.prefetch({ orgSlug, projectId }),
  ]);
  return (
    <HydrateClient>
      <DashboardView orgSlug={orgSlug} projectId={projectId} />
    </HydrateClient>
  );
}

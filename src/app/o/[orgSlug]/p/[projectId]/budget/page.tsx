import { BudgetView } from "@/features/budget/budget-view";
import { api, HydrateClient } from "@/trpc/server";
import { loadProject, projectPageMetadata } from "@/app/_lib/guard";

type Props = { params: Promise<{ orgSlug: string; projectId: string }> };

export const generateMetadata = projectPageMetadata("Budget");

export default async function ProjectBudgetPage({ params }: Props) {
  const { orgSlug, projectId } = await params;
  await loadProject(orgSlug, projectId);
  const scope = { orgSlug, projectId };
  // Awaited so the dehydrated cache holds data (not pending promises) and the
  // server and client render the same markup.
  await Promise.all([
    api.project.get.prefetch(scope),
    api.org.get.prefetch({ orgSlug }),
    api.budget.overview.prefetch(scope),
    api.budget.metrics.prefetch(scope),
    api.project.riskRegister.prefetch(scope),
  ]);
  return (
    <HydrateClient>
      <BudgetView orgSlug={orgSlug} projectId={projectId} />
    </HydrateClient>
  );
}

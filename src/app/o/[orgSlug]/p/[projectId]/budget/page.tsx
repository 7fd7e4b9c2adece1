import type { Metadata } from "next";
import { BudgetView } from "@/features/budget/budget-view";
import { api, HydrateClient } from "@/trpc/server";

type Props = { params: Promise<{ orgSlug: string; projectId: string }> };

export const metadata: Metadata = { title: "Budget" };

export default async function ProjectBudgetPage({ params }: Props) {
  const { orgSlug, projectId } = await params;
  const scope = { orgSlug, projectId };
  // Awaited so the dehydrated cache holds data (not pending promises) and the
  // server and client render the same markup.
  await Promise.all([
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

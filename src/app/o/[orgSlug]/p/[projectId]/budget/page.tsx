import type { Metadata } from "next";
import { BudgetView } from "@/components/budget/budget-view";
import { api, HydrateClient } from "@/trpc/server";
import { loadProject } from "@/app/_lib/guard";

type Props = { params: Promise<{ orgSlug: string; projectId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { orgSlug, projectId } = await params;
  const project = await loadProject(orgSlug, projectId);
  return { title: `Budget · ${project.name}` };
}

export default async function ProjectBudgetPage({ params }: Props) {
  const { orgSlug, projectId } = await params;
  await loadProject(orgSlug, projectId);
  const scope = { orgSlug, projectId };
  // Started on the server so the page paints with data; the client picks them up.
  void api.project.get.prefetch(scope);
  void api.org.get.prefetch({ orgSlug });
  void api.budget.overview.prefetch(scope);
  void api.budget.metrics.prefetch(scope);
  return (
    <HydrateClient>
      <BudgetView orgSlug={orgSlug} projectId={projectId} />
    </HydrateClient>
  );
}

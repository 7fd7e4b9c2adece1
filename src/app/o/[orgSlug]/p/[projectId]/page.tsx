import type { Metadata } from "next";
import { ItemsView } from "@/components/items/items-view";
import { parseItemFilters, toListInput } from "@/lib/item-filters";
import { api, HydrateClient } from "@/trpc/server";
import { loadProject } from "@/app/_lib/guard";

type Props = {
  params: Promise<{ orgSlug: string; projectId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { orgSlug, projectId } = await params;
  const project = await loadProject(orgSlug, projectId);
  return { title: `All items · ${project.name}` };
}

export default async function ProjectItemsPage({ params, searchParams }: Props) {
  const { orgSlug, projectId } = await params;
  await loadProject(orgSlug, projectId);
  const filters = parseItemFilters(await searchParams);
  void api.project.get.prefetch({ orgSlug, projectId });
  void api.item.list.prefetchInfinite({ orgSlug, projectId, ...toListInput(filters) });
  return (
    <HydrateClient>
      <ItemsView orgSlug={orgSlug} projectId={projectId} />
    </HydrateClient>
  );
}

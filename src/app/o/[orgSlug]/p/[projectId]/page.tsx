import { ItemsView } from "@/features/items/items-view";
import { parseItemFilters, parseSort, toListInput } from "@/lib/item-filters";
import { api, HydrateClient } from "@/trpc/server";
import { loadProject, projectPageMetadata } from "@/app/_lib/guard";

type Props = {
  params: Promise<{ orgSlug: string; projectId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export const generateMetadata = projectPageMetadata("All items");

export default async function ProjectItemsPage({ params, searchParams }: Props) {
  const { orgSlug, projectId } = await params;
  await loadProject(orgSlug, projectId);
  const sp = await searchParams;
  const filters = parseItemFilters(sp);
  await Promise.all([
    api.project.get.prefetch({ orgSlug, projectId }),
    api.item.list.prefetchInfinite({ orgSlug, projectId, ...toListInput(filters, parseSort(sp)) }),
  ]);
  return (
    <HydrateClient>
      <ItemsView orgSlug={orgSlug} projectId={projectId} />
    </HydrateClient>
  );
}

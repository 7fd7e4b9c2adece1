import type { Metadata } from "next";
import { ItemsView } from "@/features/items/items-view";
import { toListInput } from "@/lib/item-filters";
import { parseItemList } from "@/lib/item-filter-params";
import { api, HydrateClient } from "@/trpc/server";
import { loadProject } from "@/app/_lib/guard";

type Props = {
  params: Promise<{ orgSlug: string; projectId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

// This page shares its segment with the project layout, whose title template applies only to the
// pages below it: the whole title is written here.
export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { orgSlug, projectId } = await params;
  const project = await loadProject(orgSlug, projectId).catch(() => null);
  // An invisible project: the layout answers 404 and names the page.
  if (!project) return {};
  return { title: { absolute: `All items · ${project.name} · braidMgr` } };
}

export default async function ProjectItemsPage({ params, searchParams }: Props) {
  const { orgSlug, projectId } = await params;
  const { filters, sort } = parseItemList(await searchParams);
  await Promise.all([api.item.list.prefetchInfinite({ orgSlug, projectId, ...toListInput(filters, sort) })]);
  return (
    <HydrateClient>
      <ItemsView orgSlug={orgSlug} projectId={projectId} />
    </HydrateClient>
  );
}

import type { Metadata } from "next";
import { SearchView } from "@/features/search/search-view";
import { loadOrg } from "@/app/_lib/guard";

type Props = { params: Promise<{ orgSlug: string }>; searchParams: Promise<{ q?: string | string[] }> };

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const { orgSlug } = await params;
  const { q } = await searchParams;
  const org = await loadOrg(orgSlug);
  const term = typeof q === "string" ? q.trim().slice(0, 60) : "";
  return { title: term ? `“${term}” · Search · ${org.name}` : `Search · ${org.name}` };
}

export default async function SearchPage({ params }: Props) {
  const { orgSlug } = await params;
  await loadOrg(orgSlug);
  return <SearchView orgSlug={orgSlug} />;
}

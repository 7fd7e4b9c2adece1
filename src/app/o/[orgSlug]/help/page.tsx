import type { Metadata } from "next";
import { HelpView } from "@/features/help/help-view";
import { loadOrg } from "@/app/_lib/guard";

type Props = { params: Promise<{ orgSlug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { orgSlug } = await params;
  const org = await loadOrg(orgSlug);
  return { title: `Help · ${org.name}` };
}

export default async function HelpPage({ params }: Props) {
  const { orgSlug } = await params;
  await loadOrg(orgSlug);
  return <HelpView orgSlug={orgSlug} />;
}

import type { Metadata } from "next";
import { PortfolioList } from "@/features/portfolios/portfolio-list";
import { loadOrg } from "@/app/_lib/guard";

type Props = { params: Promise<{ orgSlug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { orgSlug } = await params;
  const org = await loadOrg(orgSlug);
  return { title: `Portfolios · ${org.name}` };
}

export default async function PortfoliosPage({ params }: Props) {
  const { orgSlug } = await params;
  const org = await loadOrg(orgSlug);
  return <PortfolioList orgSlug={orgSlug} orgRole={org.role} />;
}

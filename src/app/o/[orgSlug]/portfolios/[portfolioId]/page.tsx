import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PortfolioDashboard } from "@/features/portfolios/portfolio-dashboard";
import { loadOrg } from "@/app/_lib/guard";
import { api } from "@/trpc/server";

type Props = { params: Promise<{ orgSlug: string; portfolioId: string }> };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { orgSlug, portfolioId } = await params;
  const org = await loadOrg(orgSlug);
  if (!UUID.test(portfolioId)) return { title: `Portfolio · ${org.name}` };
  const p = await api.portfolio.get({ orgSlug, portfolioId }).catch(() => null);
  return { title: `${p?.name ?? "Portfolio"} · ${org.name}` };
}

export default async function PortfolioPage({ params }: Props) {
  const { orgSlug, portfolioId } = await params;
  const org = await loadOrg(orgSlug);
  if (!UUID.test(portfolioId)) notFound();
  return <PortfolioDashboard orgSlug={orgSlug} portfolioId={portfolioId} orgRole={org.role} />;
}

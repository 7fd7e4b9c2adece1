import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { PortfolioDashboard } from "@/features/portfolios/portfolio-dashboard";
import { loadOrg } from "@/app/_lib/guard";
import { api, HydrateClient } from "@/trpc/server";

type Props = { params: Promise<{ orgSlug: string; portfolioId: string }> };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The portfolio, or null when it is not there (or not a portfolio id); once per request. */
const loadPortfolio = cache(async (orgSlug: string, portfolioId: string) => {
  if (!UUID.test(portfolioId)) return null;
  try {
    return await api.portfolio.get({ orgSlug, portfolioId });
  } catch (err) {
    if (err instanceof TRPCError && err.code === "NOT_FOUND") return null;
    throw err;
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { orgSlug, portfolioId } = await params;
  const org = await loadOrg(orgSlug);
  const p = await loadPortfolio(orgSlug, portfolioId).catch(() => null);
  return { title: `${p?.name ?? "Portfolio"} · ${org.name}` };
}

export default async function PortfolioPage({ params }: Props) {
  const { orgSlug, portfolioId } = await params;
  const org = await loadOrg(orgSlug);
  if (!(await loadPortfolio(orgSlug, portfolioId))) notFound();
  await api.portfolio.dashboard.prefetch({ orgSlug, portfolioId });
  return (
    <HydrateClient>
      <PortfolioDashboard orgSlug={orgSlug} portfolioId={portfolioId} orgRole={org.role} />
    </HydrateClient>
  );
}

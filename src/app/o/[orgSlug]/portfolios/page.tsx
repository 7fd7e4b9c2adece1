import { PortfolioList } from "@/features/portfolios/portfolio-list";
import { api, HydrateClient } from "@/trpc/server";
import { loadOrg, orgPageMetadata } from "@/app/_lib/guard";

type Props = { params: Promise<{ orgSlug: string }> };

export const generateMetadata = orgPageMetadata("Portfolios");

export default async function PortfoliosPage({ params }: Props) {
  const { orgSlug } = await params;
  const org = await loadOrg(orgSlug);
  await api.portfolio.list.prefetch({ orgSlug });
  return (
    <HydrateClient>
      <PortfolioList orgSlug={orgSlug} orgRole={org.role} />
    </HydrateClient>
  );
}

import { AppShell } from "@/features/shell/app-shell";
import { api, HydrateClient } from "@/trpc/server";
import { loadOrg, requireSession } from "@/app/_lib/guard";

export const dynamic = "force-dynamic";

export default async function OrgLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ orgSlug: string }>;
}) {
  await requireSession();
  const { orgSlug } = await params;
  await loadOrg(orgSlug);
  // The header and sidebar need these; loaded here so the first paint has them. The sidebar's admin links
  // read org.get: without it here, a page that prefetches it (budget) hydrated a different sidebar.
  await Promise.all([
    api.org.list.prefetch(),
    api.org.get.prefetch({ orgSlug }),
    api.project.list.prefetch({ orgSlug }),
  ]);
  return (
    <HydrateClient>
      <AppShell orgSlug={orgSlug}>{children}</AppShell>
    </HydrateClient>
  );
}

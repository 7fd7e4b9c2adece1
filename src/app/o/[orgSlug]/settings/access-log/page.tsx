import { AccessLogView } from "@/features/org-settings/access-log/access-log-view";
import { canOrg } from "@/domain/permissions";
import { api, HydrateClient } from "@/trpc/server";
import { loadOrg, orgPageMetadata } from "@/app/_lib/guard";

type Props = { params: Promise<{ orgSlug: string }> };

export const generateMetadata = orgPageMetadata("Access log");

export default async function AccessLogPage({ params }: Props) {
  const { orgSlug } = await params;
  const org = await loadOrg(orgSlug);
  if (canOrg(org.role, "org.manageSettings"))
    await api.audit.central.prefetchInfinite({ orgSlug, kind: "all", limit: 50 });
  return (
    <HydrateClient>
      <AccessLogView orgSlug={orgSlug} orgRole={org.role} />
    </HydrateClient>
  );
}

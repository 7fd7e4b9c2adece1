import { SsoSettingsView } from "@/features/org-settings/sso/sso-settings-view";
import { canOrg } from "@/domain/permissions";
import { api, HydrateClient } from "@/trpc/server";
import { loadOrg, orgPageMetadata } from "@/app/_lib/guard";

type Props = { params: Promise<{ orgSlug: string }> };

export const generateMetadata = orgPageMetadata("Single sign-on");

export default async function SsoSettingsPage({ params }: Props) {
  const { orgSlug } = await params;
  const org = await loadOrg(orgSlug);
  const mayManage = canOrg(org.role, "org.manageSettings");
  await Promise.all([
    api.org.sso.linkStatus.prefetch({ orgSlug }),
    ...(mayManage ? [api.org.sso.get.prefetch({ orgSlug }), api.org.domain.list.prefetch({ orgSlug })] : []),
  ]);
  return (
    <HydrateClient>
      <SsoSettingsView orgSlug={orgSlug} orgId={org.id} orgName={org.name} mayManage={mayManage} />
    </HydrateClient>
  );
}

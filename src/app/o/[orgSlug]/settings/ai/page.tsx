import type { Metadata } from "next";
import { AiSettingsView } from "@/features/org-settings/ai/ai-settings-view";
import { canOrg } from "@/domain/permissions";
import { api, HydrateClient } from "@/trpc/server";
import { loadOrg } from "@/app/_lib/guard";

type Props = { params: Promise<{ orgSlug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { orgSlug } = await params;
  const org = await loadOrg(orgSlug);
  return { title: `AI assistant · ${org.name}` };
}

export default async function AiSettingsPage({ params }: Props) {
  const { orgSlug } = await params;
  const org = await loadOrg(orgSlug);
  const mayManage = canOrg(org.role, "org.manageSettings");
  if (mayManage) await api.org.aiSettings.prefetch({ orgSlug });
  return (
    <HydrateClient>
      <AiSettingsView orgSlug={orgSlug} orgName={org.name} mayManage={mayManage} />
    </HydrateClient>
  );
}

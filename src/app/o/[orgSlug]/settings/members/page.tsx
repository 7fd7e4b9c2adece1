import { OrgMembersView } from "@/features/org-settings/members/org-members-view";
import { api, HydrateClient } from "@/trpc/server";
import { loadOrg, orgPageMetadata, requireSession } from "@/app/_lib/guard";

type Props = { params: Promise<{ orgSlug: string }> };

export const generateMetadata = orgPageMetadata("Members");

export default async function OrgMembersPage({ params }: Props) {
  const { orgSlug } = await params;
  const session = await requireSession();
  const org = await loadOrg(orgSlug);
  await api.org.members.prefetch({ orgSlug });
  return (
    <HydrateClient>
      <OrgMembersView orgSlug={orgSlug} orgName={org.name} myRole={org.role} myUserId={session.user.id} />
    </HydrateClient>
  );
}

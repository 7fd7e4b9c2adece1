import { OrgMembersView } from "@/features/org-settings/members/org-members-view";
import { canOrg } from "@/domain/permissions";
import { api, HydrateClient } from "@/trpc/server";
import { loadOrg, orgPageMetadata, requireSession } from "@/app/_lib/guard";

type Props = { params: Promise<{ orgSlug: string }> };

export const generateMetadata = orgPageMetadata("Members");

export default async function OrgMembersPage({ params }: Props) {
  const { orgSlug } = await params;
  const session = await requireSession();
  const org = await loadOrg(orgSlug);
  await Promise.all([
    api.org.members.prefetch({ orgSlug }),
    // Only those who manage members see (and may read) the pending invitations.
    canOrg(org.role, "org.manageMembers") && api.org.invitations.prefetch({ orgSlug }),
  ]);
  return (
    <HydrateClient>
      <OrgMembersView orgSlug={orgSlug} orgName={org.name} myRole={org.role} myUserId={session.user.id} />
    </HydrateClient>
  );
}

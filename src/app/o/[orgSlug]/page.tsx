import { ProjectList } from "@/features/projects/project-list";
import { api, HydrateClient } from "@/trpc/server";
import { loadOrg, orgPageMetadata } from "@/app/_lib/guard";

type Props = { params: Promise<{ orgSlug: string }> };

export const generateMetadata = orgPageMetadata("Projects");

export default async function OrgHomePage({ params }: Props) {
  const { orgSlug } = await params;
  const org = await loadOrg(orgSlug);
  await api.project.list.prefetch({ orgSlug });
  return (
    <HydrateClient>
      <ProjectList orgSlug={orgSlug} orgName={org.name} orgRole={org.role} />
    </HydrateClient>
  );
}

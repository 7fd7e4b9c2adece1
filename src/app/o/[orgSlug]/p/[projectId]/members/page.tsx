import { ProjectMembersView } from "@/features/project-settings/members/project-members-view";
import { can } from "@/domain/permissions";
import { api, HydrateClient } from "@/trpc/server";
import { loadProject, projectPageMetadata } from "@/app/_lib/guard";

type Props = { params: Promise<{ orgSlug: string; projectId: string }> };

export const generateMetadata = projectPageMetadata("Members");

export default async function ProjectMembersPage({ params }: Props) {
  const { orgSlug, projectId } = await params;
  const project = await loadProject(orgSlug, projectId);
  await api.project.members.prefetch({ orgSlug, projectId });
  return (
    <HydrateClient>
      <ProjectMembersView
        orgSlug={orgSlug}
        projectId={projectId}
        projectName={project.name}
        canManage={can(project.role, "project.admin")}
      />
    </HydrateClient>
  );
}

import { ProjectSettingsView } from "@/features/project-settings/project-settings-view";
import { api, HydrateClient } from "@/trpc/server";
import { loadProject, projectPageMetadata } from "@/app/_lib/guard";

type Props = { params: Promise<{ orgSlug: string; projectId: string }> };

export const generateMetadata = projectPageMetadata("Settings");

export default async function ProjectSettingsPage({ params }: Props) {
  const { orgSlug, projectId } = await params;
  await loadProject(orgSlug, projectId);
  const scope = { orgSlug, projectId };
  // Awaited so the client's first render matches the server's (no hydration mismatch).
  await Promise.all([api.project.get.prefetch(scope), api.project.workstream.list.prefetch(scope)]);
  return (
    <HydrateClient>
      <ProjectSettingsView orgSlug={orgSlug} projectId={projectId} />
    </HydrateClient>
  );
}

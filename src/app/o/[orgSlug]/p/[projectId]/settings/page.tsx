import type { Metadata } from "next";
import { can } from "@/domain/permissions";
import { ProjectSettingsView } from "@/features/project-settings/project-settings-view";
import { api, HydrateClient } from "@/trpc/server";
import { loadProject } from "@/app/_lib/guard";

type Props = { params: Promise<{ orgSlug: string; projectId: string }> };

export const metadata: Metadata = { title: "Settings" };

export default async function ProjectSettingsPage({ params }: Props) {
  const { orgSlug, projectId } = await params;
  const scope = { orgSlug, projectId };
  const project = await loadProject(orgSlug, projectId);
  // Awaited so the client's first render matches the server's (no hydration mismatch).
  await Promise.all([
    api.project.workstream.list.prefetch(scope),
    // Only project managers and admins see (and may read) the webhooks.
    can(project.role, "project.manage") && api.webhook.list.prefetch(scope),
  ]);
  return (
    <HydrateClient>
      <ProjectSettingsView orgSlug={orgSlug} projectId={projectId} />
    </HydrateClient>
  );
}

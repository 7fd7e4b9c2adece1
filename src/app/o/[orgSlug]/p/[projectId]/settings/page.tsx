import type { Metadata } from "next";
import { ProjectSettingsView } from "@/features/project-settings/project-settings-view";
import { api, HydrateClient } from "@/trpc/server";

type Props = { params: Promise<{ orgSlug: string; projectId: string }> };

export const metadata: Metadata = { title: "Settings" };

export default async function ProjectSettingsPage({ params }: Props) {
  const { orgSlug, projectId } = await params;
  const scope = { orgSlug, projectId };
  // Awaited so the client's first render matches the server's (no hydration mismatch).
  await api.project.workstream.list.prefetch(scope);
  return (
    <HydrateClient>
      <ProjectSettingsView orgSlug={orgSlug} projectId={projectId} />
    </HydrateClient>
  );
}

import type { Metadata } from "next";
import type { ReactNode } from "react";
import { api, HydrateClient } from "@/trpc/server";
import { loadProject } from "@/app/_lib/guard";

type Props = { params: Promise<{ orgSlug: string; projectId: string }> };

/**
 * Every project page: the project must be visible to the caller (else 404,
 * or sign-in when the session ended), its name ends every page title
 * ("Timeline · Harbor Bridge · braidMgr": pages set only their own word), and
 * project.get is in the browser's cache from the first paint (the header,
 * the navigation and every view read it). Pages prefetch only their own data.
 */
export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { orgSlug, projectId } = await params;
  // Never throws: an invisible project is the layout's 404 below, and a 404 thrown from the
  // metadata would leave the page without a title.
  const project = await loadProject(orgSlug, projectId).catch(() => null);
  if (!project) return { title: "Not found" };
  return { title: { template: `%s · ${project.name} · braidMgr`, default: `${project.name} · braidMgr` } };
}

export default async function ProjectLayout({ children, params }: Props & { children: ReactNode }) {
  const { orgSlug, projectId } = await params;
  await loadProject(orgSlug, projectId);
  await api.project.get.prefetch({ orgSlug, projectId });
  return <HydrateClient>{children}</HydrateClient>;
}

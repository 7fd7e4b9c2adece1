import "server-only";

import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { getLiveAppSession } from "@/server/auth/server-session";
import { api } from "@/trpc/server";

/** Signed-in users only; everyone else goes to the sign-in page. */
export async function requireSession() {
  const session = await getLiveAppSession();
  if (!session) redirect("/sign-in");
  return session;
}

/** Runs a server-side call; invisible resources become a 404, an ended session a sign-in. */
async function guarded<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (err) {
    if (err instanceof TRPCError) {
      if (err.code === "UNAUTHORIZED") redirect("/sign-in");
      if (err.code === "NOT_FOUND" || err.code === "BAD_REQUEST" || err.code === "FORBIDDEN") notFound();
    }
    throw err;
  }
}

export const loadOrg = cache((orgSlug: string) => guarded(() => api.org.get({ orgSlug })));

export const loadProject = cache((orgSlug: string, projectId: string) =>
  guarded(() => api.project.get({ orgSlug, projectId })),
);

/** `generateMetadata` of an org page: "<page> · <org name>" (a hidden org is a 404 here too). */
export function orgPageMetadata(page: string) {
  return async ({ params }: { params: Promise<{ orgSlug: string }> }): Promise<Metadata> => {
    const { orgSlug } = await params;
    const org = await loadOrg(orgSlug);
    return { title: `${page} · ${org.name}` };
  };
}

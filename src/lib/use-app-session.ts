"use client";

import { useSession } from "next-auth/react";

/** The signed-in user as the session callback shapes it (see src/server/auth/config.ts). */
export type SessionUser = { id: string; email: string; name: string };

export function useAppSession(): {
  user: SessionUser | null;
  orgSlug: string | null;
  status: "loading" | "authenticated" | "unauthenticated";
  update: ReturnType<typeof useSession>["update"];
} {
  const { data, status, update } = useSession();
  const s = data as unknown as { user?: Partial<SessionUser>; orgSlug?: string | null } | null;
  const user = s?.user?.id ? { id: s.user.id, email: s.user.email ?? "", name: s.user.name ?? "" } : null;
  return { user, orgSlug: s?.orgSlug ?? null, status, update };
}

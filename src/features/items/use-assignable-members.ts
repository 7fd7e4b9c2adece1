"use client";

import { useMemo } from "react";
import type { AssignableMember } from "@/domain/assignees";
import { api } from "@/trpc/react";

/** The org's members, for the assignee picker; null until loaded. */
export function useAssignableMembers(orgSlug: string): AssignableMember[] | null {
  const members = api.org.members.useQuery({ orgSlug }, { staleTime: 60_000 });
  return useMemo(
    () => members.data?.map((m) => ({ userId: m.id, name: m.name, email: m.email })) ?? null,
    [members.data],
  );
}

import type { Metadata } from "next";
import { OrgsView } from "@/features/orgs/orgs-view";
import { StandalonePage } from "@/components/standalone-page";
import { api, HydrateClient } from "@/trpc/server";
import { requireSession } from "@/app/_lib/guard";

export const metadata: Metadata = { title: "Organizations" };
export const dynamic = "force-dynamic";

export default async function OrgsPage() {
  await requireSession();
  await Promise.all([api.org.list.prefetch(), api.user.invitations.prefetch()]);
  return (
    <HydrateClient>
      <StandalonePage>
        <OrgsView />
      </StandalonePage>
    </HydrateClient>
  );
}

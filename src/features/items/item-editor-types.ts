import type { RouterOutputs } from "@/trpc/react";

/** The item as item.get returns it, and the org/project pair every editor part needs. */
export type FullItem = RouterOutputs["item"]["get"];
export type Scope = { orgSlug: string; projectId: string };

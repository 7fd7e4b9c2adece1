import "server-only";

import { createHydrationHelpers } from "@trpc/react-query/rsc";
import { headers } from "next/headers";
import { cache } from "react";
import { createCaller, type AppRouter } from "@/server/api/root";
import { createInnerContext } from "@/server/api/trpc";
import { getAppSession } from "@/server/auth/server-session";
import { createQueryClient } from "./query-client";

/** Server components call procedures directly through the caller (no HTTP). */
const createContext = cache(async () => {
  const h = new Headers(await headers());
  h.set("x-trpc-source", "rsc");
  return createInnerContext({ session: await getAppSession(), headers: h });
});

const getQueryClient = cache(createQueryClient);
const caller = createCaller(createContext);

export const { trpc: api, HydrateClient } = createHydrationHelpers<AppRouter>(caller, getQueryClient);

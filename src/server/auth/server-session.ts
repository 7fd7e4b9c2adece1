/** The current request's session (server components, route handlers). */
import { getServerSession } from "next-auth";
import { cache } from "react";
import { authOptions } from "./config";
import type { AppSession } from "./session";

export const getAppSession = cache(async (): Promise<AppSession | null> => {
  const s = (await getServerSession(authOptions())) as AppSession | null;
  return s?.user?.id ? s : null;
});

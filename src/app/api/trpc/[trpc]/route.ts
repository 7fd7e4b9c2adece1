import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@/server/api/root";
import { createInnerContext } from "@/server/api/trpc";
import { getAppSession } from "@/server/auth/server-session";

const handler = (req: Request) => {
  let correlationId = "";
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: async () => {
      const ctx = createInnerContext({ session: await getAppSession(), headers: req.headers });
      correlationId = ctx.correlationId;
      return ctx;
    },
    responseMeta: () => ({ headers: new Headers({ "x-correlation-id": correlationId, "cache-control": "no-store" }) }),
  });
};

export { handler as GET, handler as POST };

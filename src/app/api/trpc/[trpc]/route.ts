import { trpcHttpResponse } from "@/server/api/http";
import { createInnerContext } from "@/server/api/trpc";
import { getAppSession } from "@/server/auth/server-session";

// Batch cap, same-origin JSON-only mutations and the body limit: see src/server/api/http.ts.
const handler = (req: Request) =>
  trpcHttpResponse(req, async (correlationId) =>
    createInnerContext({ session: await getAppSession(), headers: req.headers, correlationId }),
  );

export { handler as GET, handler as POST };

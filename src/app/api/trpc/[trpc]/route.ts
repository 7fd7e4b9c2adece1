import { trpcHttpResponse } from "@/server/api/http";
import { createInnerContext } from "@/server/api/trpc";
import { getAppSession } from "@/server/auth/server-session";
import { parseBearer } from "@/domain/api-tokens";

// Batch cap, same-origin JSON-only mutations and the body limit: see src/server/api/http.ts.
// A request with `Authorization: Bearer …` is an API-token call: its cookies are not read.
const handler = (req: Request) =>
  trpcHttpResponse(req, async (correlationId) =>
    createInnerContext({
      session: parseBearer(req.headers.get("authorization")).kind === "none" ? await getAppSession() : null,
      headers: req.headers,
      correlationId,
    }),
  );

export { handler as GET, handler as POST };

/** File downloads for the export menu: see src/server/api/export-http.ts. */
import { exportHttpResponse } from "@/server/api/export-http";
import { createInnerContext } from "@/server/api/trpc";
import { getAppSession } from "@/server/auth/server-session";
import { maskedRoute } from "@/server/http/route-errors";

export const dynamic = "force-dynamic";

export const GET = maskedRoute(async (req, correlationId) =>
  exportHttpResponse(
    req,
    createInnerContext({ session: await getAppSession(), headers: req.headers, correlationId }),
  ),
);

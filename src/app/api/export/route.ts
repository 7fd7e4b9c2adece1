/**
 * File downloads for the export menu: GET /api/export?org=…&project=…&format=csv[&asOf=…][&filters…]
 * Goes through the same procedure (and so the same permission checks) as the API.
 */
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { createCaller } from "@/server/api/root";
import { createInnerContext } from "@/server/api/trpc";
import { exportFromQuery } from "@/server/api/routers/export.schema";
import { getAppSession } from "@/server/auth/server-session";

export const dynamic = "force-dynamic";

export async function GET(req: Request) {
  const ctx = createInnerContext({ session: await getAppSession(), headers: req.headers });
  try {
    const input = exportFromQuery(new URL(req.url).searchParams);
    const file = await createCaller(ctx).project.export(input as never);
    const ascii = file.filename.replace(/[^\x20-\x7e]/g, "_").replace(/"/g, "");
    return new Response(file.content, {
      headers: {
        "content-type": file.contentType,
        "content-disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
        "cache-control": "no-store",
        "x-correlation-id": ctx.correlationId,
      },
    });
  } catch (err) {
    const e = err instanceof TRPCError ? err : new TRPCError({ code: "INTERNAL_SERVER_ERROR" });
    if (e.code === "INTERNAL_SERVER_ERROR") ctx.log.error({ err }, "export failed");
    const message = e.code === "INTERNAL_SERVER_ERROR" ? "Something went wrong on our side." : e.message;
    return Response.json(
      { error: { code: e.code, message, correlationId: ctx.correlationId } },
      { status: getHTTPStatusCodeFromError(e), headers: { "x-correlation-id": ctx.correlationId } },
    );
  }
}

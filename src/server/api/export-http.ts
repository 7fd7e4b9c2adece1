/**
 * GET /api/export?org=…&project=…&format=csv[&asOf=…][&filters…] as a plain
 * function of (Request, context): the same procedure (and so the same
 * permission checks) as the API, the file as an attachment, and errors in
 * the shape of src/server/http/route-errors.ts. Binary formats (xlsx, pdf)
 * come from the procedure as base64 and go out as bytes.
 */
import { createCaller } from "./root";
import type { Context } from "./trpc";
import { exportFromQuery } from "@/contracts/export";
import { contentDisposition } from "@/domain/attachments";
import { routeError } from "@/server/http/route-errors";
import { decodeExportContent } from "@/server/services/export";

export async function exportHttpResponse(req: Request, ctx: Context): Promise<Response> {
  try {
    const input = exportFromQuery(new URL(req.url).searchParams);
    const file = await createCaller(ctx).project.export(input as never);
    const content = decodeExportContent(file);
    return new Response(typeof content === "string" ? content : new Uint8Array(content), {
      headers: {
        "content-type": file.contentType,
        "content-disposition": contentDisposition("attachment", file.filename),
        "cache-control": "no-store",
        "x-correlation-id": ctx.correlationId,
      },
    });
  } catch (err) {
    return routeError(err, ctx.correlationId, ctx.log);
  }
}

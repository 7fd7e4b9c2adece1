/**
 * GET /api/events?org=<slug>&project=<id> — Server-Sent Events announcing
 * committed changes in a project, so open pages refresh without a reload.
 * Access is checked through the same procedure as reading the project.
 */
import { createCaller } from "@/server/api/root";
import { createInnerContext } from "@/server/api/trpc";
import { getAppSession } from "@/server/auth/server-session";
import { getCentralDb } from "@/server/db/central";
import { subscribe } from "@/server/live";
import { maskedRoute, routeError } from "@/server/http/route-errors";

export const dynamic = "force-dynamic";

// Errors (refusals and internal ones, masked) in the shape of src/server/http/route-errors.ts.
export const GET = maskedRoute(async (req, correlationId) => {
  const url = new URL(req.url);
  const orgSlug = url.searchParams.get("org") ?? "";
  const projectId = url.searchParams.get("project") ?? "";
  const ctx = createInnerContext({ session: await getAppSession(), headers: req.headers, correlationId });
  try {
    await createCaller(ctx).project.get({ orgSlug, projectId });
  } catch (err) {
    return routeError(err, correlationId, ctx.log);
  }
  const org = await getCentralDb().organization.findUniqueOrThrow({ where: { slug: orgSlug }, select: { id: true, databaseName: true, clusterKey: true } });
  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (event: string, data: unknown) => controller.enqueue(encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
      const unsubscribe = await subscribe(org, projectId, (e) => send("change", e));
      const heartbeat = setInterval(() => controller.enqueue(encoder.encode(": keep-alive\n\n")), 25_000);
      cleanup = () => {
        clearInterval(heartbeat);
        unsubscribe();
      };
      req.signal.addEventListener("abort", () => {
        cleanup();
        try {
          controller.close();
        } catch {
          /* already closed */
        }
      });
      send("ready", { projectId });
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
      "x-correlation-id": correlationId,
    },
  });
});

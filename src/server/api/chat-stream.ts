/**
 * The assistant's streaming endpoint as a plain function of (Request, context),
 * so the Next route stays one line and tests can call it without Next.
 *
 * It goes through a tRPC caller (`chatStreamRouter.stream`, built on the
 * same chat procedure as chat.send), so authentication, org membership,
 * project visibility, validation and error mapping are exactly those of
 * /api/trpc. The answer is sent as Server-Sent Events:
 *
 *   event: start  data: {sessionId, userMessageId, assistantMessageId, scope, mode, projects}
 *   event: tool   data: {name}
 *   event: delta  data: {text}
 *   event: done   data: {message}        (the stored answer, always last)
 *   event: error  data: {code, message}  (only if the stream itself fails)
 *
 * When the client goes away (fetch aborted) the turn stops and the partial
 * answer is stored as stopped. Refusals before the stream starts are plain
 * JSON with the HTTP status of the tRPC code, e.g. 429 for TOO_MANY_REQUESTS.
 */
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { chatStreamRouter } from "./routers/chat.router";
import { createCallerFactory, type Context } from "./trpc";
import { guardJsonPost, MAX_CHAT_BODY_BYTES } from "@/server/http/guard";
import { errorJson, SAFE_MESSAGE } from "@/server/http/route-errors";

const createStreamCaller = createCallerFactory(chatStreamRouter);

const encoder = new TextEncoder();

export function sseFrame(event: string, data: unknown): Uint8Array {
  return encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

const jsonError = errorJson;

export async function chatStreamResponse(req: Request, ctx: Context, opts: { heartbeatMs?: number } = {}): Promise<Response> {
  // Same site, JSON only, and a bounded body (Content-Length first, then while reading).
  const guarded = await guardJsonPost(req, MAX_CHAT_BODY_BYTES);
  if (!guarded.ok) {
    const r = guarded.refusal;
    return jsonError(r.status, r.code, r.status === 415 ? "Send the question as application/json" : r.message, ctx.correlationId);
  }
  let body: unknown;
  try {
    body = await guarded.req.json();
  } catch {
    return jsonError(400, "BAD_REQUEST", "The request body is not valid JSON", ctx.correlationId);
  }

  // Our own controller: aborted by the client going away or by the reader cancelling.
  const controller = new AbortController();
  const abort = () => controller.abort();
  if (req.signal.aborted) abort();
  else req.signal.addEventListener("abort", abort, { once: true });

  let events: AsyncGenerator<unknown, void, undefined>;
  try {
    const caller = createStreamCaller(ctx, { signal: controller.signal });
    events = (await caller.stream(body as never)) as AsyncGenerator<unknown, void, undefined>;
  } catch (err) {
    req.signal.removeEventListener("abort", abort);
    const e = err instanceof TRPCError ? err : new TRPCError({ code: "INTERNAL_SERVER_ERROR", cause: err });
    if (e.code === "INTERNAL_SERVER_ERROR") {
      ctx.log.error({ err: e.cause ?? e }, "chat stream failed to start");
      return jsonError(500, e.code, SAFE_MESSAGE, ctx.correlationId);
    }
    return jsonError(getHTTPStatusCodeFromError(e), e.code, e.message, ctx.correlationId);
  }

  let heartbeat: ReturnType<typeof setInterval> | undefined;
  const stream = new ReadableStream<Uint8Array>({
    start(sink) {
      // A comment line now and then keeps proxies from closing a quiet stream (long tool calls).
      heartbeat = setInterval(() => {
        try {
          sink.enqueue(encoder.encode(": keep-alive\n\n"));
        } catch {
          /* closed */
        }
      }, opts.heartbeatMs ?? 15_000);
    },
    async pull(sink) {
      try {
        const step = await events.next();
        if (step.done) {
          clearInterval(heartbeat);
          req.signal.removeEventListener("abort", abort);
          sink.close();
          return;
        }
        const ev = step.value as { type: string };
        const { type, ...data } = ev;
        sink.enqueue(sseFrame(type, data));
      } catch (err) {
        clearInterval(heartbeat);
        ctx.log.error({ err }, "chat stream failed");
        sink.enqueue(sseFrame("error", { code: "INTERNAL_SERVER_ERROR", message: SAFE_MESSAGE, correlationId: ctx.correlationId }));
        sink.close();
      }
    },
    async cancel() {
      clearInterval(heartbeat);
      controller.abort();
      req.signal.removeEventListener("abort", abort);
      // Lets the turn store what it has (marked stopped).
      await events.return(undefined).catch(() => {});
    },
  });

  return new Response(stream, {
    status: 200,
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
      "x-correlation-id": ctx.correlationId,
    },
  });
}

/**
 * /api/trpc over HTTP as a plain function of (Request, context factory), so
 * the Next route stays a few lines and tests serve the very same code.
 *
 * Before tRPC sees a request (and before a session is looked up):
 * - a batch may hold at most MAX_BATCH_CALLS calls, and `auth.*` procedures
 *   (sign-up, password reset, …) are never batched with other calls: each is
 *   its own request (a "batch" of one), so per-request limits apply to each;
 * - mutations (POST) must come from our own origin (Origin / Sec-Fetch-Site),
 *   carry `application/json`, and fit in MAX_TRPC_BODY_BYTES — refused by
 *   Content-Length before reading, and while reading a chunked body.
 * Refusals use tRPC's error shape (code, message, data.correlationId).
 */
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { TRPC_ERROR_CODES_BY_KEY } from "@trpc/server/rpc";
import { appRouter } from "./root";
import { correlationIdFrom, type Context } from "./trpc";
import {
  crossSiteRefusal,
  jsonOnlyRefusal,
  MAX_TRPC_BODY_BYTES,
  readBodyWithin,
  withBody,
  type Refusal,
} from "@/server/http/guard";

export const TRPC_ENDPOINT = "/api/trpc";
/** Calls one HTTP request may carry (the browser client batches at most this many). */
export const MAX_BATCH_CALLS = 20;

export function trpcRefusal(r: Refusal, correlationId: string): Response {
  const body = {
    error: {
      json: {
        message: r.message,
        code: TRPC_ERROR_CODES_BY_KEY[r.code],
        data: {
          code: r.code,
          httpStatus: r.status,
          path: null,
          correlationId,
          fieldErrors: null,
          formErrors: null,
          details: null,
        },
      },
    },
  };
  return new Response(JSON.stringify(body), {
    status: r.status,
    headers: {
      "content-type": "application/json",
      "cache-control": "no-store",
      "x-correlation-id": correlationId,
    },
  });
}

/** Too many calls in one request, or an auth.* call batched with others. */
export function batchRefusal(url: URL): Refusal | null {
  if (url.searchParams.get("batch") !== "1") return null;
  let path: string;
  try {
    path = decodeURIComponent(
      url.pathname.slice(url.pathname.indexOf(TRPC_ENDPOINT) + TRPC_ENDPOINT.length + 1),
    );
  } catch {
    return { status: 400, code: "BAD_REQUEST", message: "Malformed procedure path" };
  }
  const paths = path.split(",");
  if (paths.length > MAX_BATCH_CALLS) {
    return {
      status: 400,
      code: "BAD_REQUEST",
      message: `Too many calls in one request: at most ${MAX_BATCH_CALLS} (this one had ${paths.length})`,
    };
  }
  if (paths.length > 1 && paths.some((p) => p.startsWith("auth."))) {
    return {
      status: 400,
      code: "BAD_REQUEST",
      message: "auth.* procedures cannot be batched with other calls; send each in its own request",
    };
  }
  return null;
}

export async function trpcHttpResponse(
  req: Request,
  createContext: (correlationId: string) => Context | Promise<Context>,
): Promise<Response> {
  const correlationId = correlationIdFrom(req.headers);
  const batch = batchRefusal(new URL(req.url));
  if (batch) return trpcRefusal(batch, correlationId);
  let request = req;
  if (req.method !== "GET" && req.method !== "HEAD") {
    const refusal = crossSiteRefusal(req) ?? jsonOnlyRefusal(req);
    if (refusal) return trpcRefusal(refusal, correlationId);
    const body = await readBodyWithin(req, MAX_TRPC_BODY_BYTES);
    if (!body.ok) return trpcRefusal(body.refusal, correlationId);
    request = withBody(req, body.bytes);
  }
  return fetchRequestHandler({
    endpoint: TRPC_ENDPOINT,
    req: request,
    router: appRouter,
    maxBatchSize: MAX_BATCH_CALLS,
    createContext: () => createContext(correlationId),
    responseMeta: () => ({
      headers: new Headers({ "x-correlation-id": correlationId, "cache-control": "no-store" }),
    }),
  });
}

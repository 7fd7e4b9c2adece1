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
 *   Content-Length before reading, and while reading a chunked body. A file
 *   import (FILE_PROCEDURES) sent alone may carry up to MAX_FILE_BODY_BYTES
 *   when the request's session token is valid: for those the session is read
 *   first, so a signed-out caller never gets the server to buffer more than
 *   5 MB.
 * Refusals use tRPC's error shape (code, message, data.correlationId).
 *
 * A request with `Authorization: Bearer bm_…` (an API token) passes the same
 * checks; the context then ignores any cookies it carries and acts only as
 * the token (see createInnerContext and protectedProcedure in ./trpc.ts).
 */
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { TRPC_ERROR_CODES_BY_KEY } from "@trpc/server/rpc";
import { appRouter } from "./root";
import { correlationIdFrom, type Context } from "./trpc";
import {
  crossSiteRefusal,
  jsonOnlyRefusal,
  MAX_FILE_BODY_BYTES,
  MAX_TRPC_BODY_BYTES,
  readBodyWithin,
  withBody,
  type Refusal,
} from "@/server/http/guard";
import { FILE_PROCEDURES } from "@/lib/file-procedures";
import { DB_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from "@/server/db/errors";

export const TRPC_ENDPOINT = "/api/trpc";
/** Calls one HTTP request may carry (the browser client batches at most this many). */
export const MAX_BATCH_CALLS = 20;

const DB_UNAVAILABLE: Refusal = { status: 503, code: "SERVICE_UNAVAILABLE", message: DB_UNAVAILABLE_MESSAGE };

/**
 * A refusal in tRPC's error shape. `close`: the request's body was not (fully)
 * read, so the connection cannot carry another request — answer with
 * `Connection: close` rather than leave the unread bytes to be taken for the next one.
 */
export function trpcRefusal(r: Refusal, correlationId: string, opts: { close?: boolean } = {}): Response {
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
      ...(opts.close ? { connection: "close" } : {}),
    },
  });
}

/** The procedure path(s) of a /api/trpc URL (comma-separated in a batch); null when malformed. */
function procedurePath(url: URL): string | null {
  try {
    return decodeURIComponent(
      url.pathname.slice(url.pathname.indexOf(TRPC_ENDPOINT) + TRPC_ENDPOINT.length + 1),
    );
  } catch {
    return null;
  }
}

/** Whether the request carries exactly one call, to a file-import procedure. */
export function isLoneFileImport(url: URL): boolean {
  const path = procedurePath(url);
  return path !== null && FILE_PROCEDURES.has(path);
}

/** Too many calls in one request, or an auth.* call batched with others. */
export function batchRefusal(url: URL): Refusal | null {
  if (url.searchParams.get("batch") !== "1") return null;
  const path = procedurePath(url);
  if (path === null) return { status: 400, code: "BAD_REQUEST", message: "Malformed procedure path" };
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
  const url = new URL(req.url);
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  // Refused before the body was read: close the connection (see trpcRefusal).
  const refuse = (r: Refusal) => trpcRefusal(r, correlationId, { close: hasBody });
  if (procedurePath(url) === null)
    return refuse({ status: 400, code: "BAD_REQUEST", message: "Malformed procedure path" });
  const batch = batchRefusal(url);
  if (batch) return refuse(batch);
  let request = req;
  let early: Context | undefined;
  if (hasBody) {
    const refusal = crossSiteRefusal(req) ?? jsonOnlyRefusal(req);
    if (refusal) return refuse(refusal);
    let limit = MAX_TRPC_BODY_BYTES;
    if (isLoneFileImport(url)) {
      // The context (not the body) first: only a signed-in caller may send a large file.
      try {
        early = await createContext(correlationId);
      } catch (err) {
        if (isDatabaseUnavailable(err)) return refuse(DB_UNAVAILABLE);
        throw err;
      }
      if (early.session) limit = MAX_FILE_BODY_BYTES;
    }
    const body = await readBodyWithin(req, limit);
    if (!body.ok) return refuse(body.refusal);
    request = withBody(req, body.bytes);
  }
  // The context (the session lookup reads the database) before tRPC: while the database is
  // unreachable the answer is a quick 503 with a stable message, not a masked 500.
  let context: { ok: true; ctx: Context } | { ok: false; err: unknown };
  try {
    context = { ok: true, ctx: early ?? (await createContext(correlationId)) };
  } catch (err) {
    if (isDatabaseUnavailable(err)) return trpcRefusal(DB_UNAVAILABLE, correlationId);
    context = { ok: false, err };
  }
  return fetchRequestHandler({
    endpoint: TRPC_ENDPOINT,
    req: request,
    router: appRouter,
    maxBatchSize: MAX_BATCH_CALLS,
    createContext: () => (context.ok ? context.ctx : Promise.reject(context.err)),
    responseMeta: () => ({
      headers: new Headers({ "x-correlation-id": correlationId, "cache-control": "no-store" }),
    }),
  });
}

/**
 * Errors from route handlers outside /api/trpc (file exports, the chat
 * stream, live events) answered like tRPC's: a JSON body
 * `{error: {code, message, correlationId}}` with the tRPC code's HTTP status
 * and the `x-correlation-id` header. Internal errors get one stable message;
 * what went wrong is logged with the correlation id, never sent.
 */
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { logger, type LogMethods } from "@/server/logger";
import { correlationIdFrom } from "@/server/api/trpc";
import { DB_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from "@/server/db/errors";

export const SAFE_MESSAGE = "Something went wrong on our side. Quote the correlation id if you report it.";

export function errorJson(status: number, code: string, message: string, correlationId: string): Response {
  return new Response(JSON.stringify({ error: { code, message, correlationId } }), {
    status,
    headers: {
      "content-type": "application/json; charset=utf-8",
      "cache-control": "no-store",
      "x-correlation-id": correlationId,
    },
  });
}

/** The response for an error: a TRPCError's code and message, or a masked internal error (logged). */
export function routeError(
  err: unknown,
  correlationId: string,
  log: LogMethods = logger.child({ correlationId }),
): Response {
  if (err instanceof TRPCError && err.code !== "INTERNAL_SERVER_ERROR") {
    return errorJson(getHTTPStatusCodeFromError(err), err.code, err.message, correlationId);
  }
  if (isDatabaseUnavailable(err instanceof TRPCError ? (err.cause ?? err) : err)) {
    log.warn({ err }, "route failed: database unavailable");
    return errorJson(503, "SERVICE_UNAVAILABLE", DB_UNAVAILABLE_MESSAGE, correlationId);
  }
  log.error({ err: err instanceof TRPCError ? (err.cause ?? err) : err }, "route failed");
  return errorJson(500, "INTERNAL_SERVER_ERROR", SAFE_MESSAGE, correlationId);
}

/**
 * Wraps a route handler so nothing it throws (the session lookup included)
 * reaches Next.js's default error page: the handler gets the request's
 * correlation id and any error becomes routeError's answer.
 */
export function maskedRoute<Rest extends unknown[]>(
  handler: (req: Request, correlationId: string, ...rest: Rest) => Promise<Response>,
): (req: Request, ...rest: Rest) => Promise<Response> {
  return async (req, ...rest) => {
    const correlationId = correlationIdFrom(req.headers);
    try {
      return await handler(req, correlationId, ...rest);
    } catch (err) {
      return routeError(err, correlationId);
    }
  };
}

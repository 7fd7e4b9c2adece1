/**
 * POST /api/chat/stream — the assistant's answer as Server-Sent Events.
 * Authenticates exactly like /api/trpc (same session, same context, and the
 * `chat.stream` procedure, through a caller); see src/server/api/chat-stream.ts.
 */
import { chatStreamResponse } from "@/server/api/chat-stream";
import { createInnerContext } from "@/server/api/trpc";
import { getAppSession } from "@/server/auth/server-session";
import { maskedRoute } from "@/server/http/route-errors";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = maskedRoute(async (req, correlationId) =>
  chatStreamResponse(
    req,
    createInnerContext({ session: await getAppSession(), headers: req.headers, correlationId }),
  ),
);
